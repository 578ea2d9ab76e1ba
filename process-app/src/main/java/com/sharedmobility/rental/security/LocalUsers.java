package com.sharedmobility.rental.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The seeded users of the local profile (see rental-api.md) as far as Spring Security is concerned: the customers,
 * and the operator and administrator for the actuator. They exist in no other profile.
 */
@Configuration
@Profile("local")
public class LocalUsers {

  @Bean
  UserDetailsService localCustomers() {
    PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    return new InMemoryUserDetailsManager(
        user("alice", SecurityConfig.CUSTOMER, encoder),
        user("bob", SecurityConfig.CUSTOMER, encoder),
        user("ops", SecurityConfig.OPERATOR, encoder),
        user("admin", SecurityConfig.ADMIN, encoder));
  }

  private static UserDetails user(String name, String role, PasswordEncoder encoder) {
    return User.withUsername(name).password(encoder.encode(name)).roles(role).build();
  }
}
