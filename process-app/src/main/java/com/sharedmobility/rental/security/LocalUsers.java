package com.sharedmobility.rental.security;

import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.support.security.ApiUser;
import com.sharedmobility.support.security.ServiceAccounts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The seeded users of the local profile (see rental-api.md) as far as Spring Security is concerned: the customers,
 * the operator ({@code rental.operator}, ops in this profile) and the administrator for the actuator. The
 * customers and the administrator exist in no other profile.
 */
@Configuration
@Profile("local")
public class LocalUsers {

  @Bean
  AuthenticationProvider localCustomers(RentalProperties settings) {
    return ServiceAccounts.inMemory(
        user("alice", SecurityConfig.CUSTOMER),
        user("bob", SecurityConfig.CUSTOMER),
        OperatorAccount.of(settings, false),
        user("admin", SecurityConfig.ADMIN));
  }

  /** Each seeded user's password is its name. */
  private static UserDetails user(String name, String role) {
    return new ApiUser(name, name).withRole(role);
  }
}
