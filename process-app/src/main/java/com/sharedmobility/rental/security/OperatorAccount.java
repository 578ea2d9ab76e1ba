package com.sharedmobility.rental.security;

import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.support.security.ApiUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Outside the local profile customers come with bearer tokens, so the only password account is the operator's
 * ({@code RENTAL_OPERATOR_*}), which reads the metrics over HTTP Basic.
 */
@Configuration
@Profile("!local")
public class OperatorAccount {

  @Bean
  UserDetailsService operatorUsers(RentalProperties settings) {
    return new InMemoryUserDetailsManager(of(settings));
  }

  static UserDetails of(RentalProperties settings) {
    return new ApiUser(settings.operator().username(), settings.operator().password())
        .withRole(SecurityConfig.OPERATOR);
  }
}
