package com.sharedmobility.rental.security;

import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.support.security.ApiUser;
import com.sharedmobility.support.security.MachineSecrets;
import com.sharedmobility.support.security.ServiceAccounts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Outside the local profile customers come with bearer tokens, so the only password account is the operator's
 * ({@code RENTAL_OPERATOR_*}), which reads the metrics over HTTP Basic.
 */
@Configuration
@Profile("!local")
public class OperatorAccount {

  @Bean
  AuthenticationProvider operatorUsers(RentalProperties settings) {
    return ServiceAccounts.inMemory(of(settings, true));
  }

  /** The operator account; outside the local profile its password must be a generated secret. */
  static UserDetails of(RentalProperties settings, boolean generatedSecret) {
    String password = settings.operator().password();
    return new ApiUser(settings.operator().username(),
        generatedSecret ? MachineSecrets.requireGenerated("RENTAL_OPERATOR_PASSWORD", password) : password)
        .withRole(SecurityConfig.OPERATOR);
  }
}
