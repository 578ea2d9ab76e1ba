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

/** The seeded customers of the local profile (see rental-api.md); they exist in no other profile. */
@Configuration
@Profile("local")
public class LocalUsers {

  @Bean
  UserDetailsService localCustomers() {
    PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    return new InMemoryUserDetailsManager(
        customer("alice", encoder),
        customer("bob", encoder));
  }

  private static UserDetails customer(String name, PasswordEncoder encoder) {
    return User.withUsername(name).password(encoder.encode(name)).roles(SecurityConfig.CUSTOMER).build();
  }
}
