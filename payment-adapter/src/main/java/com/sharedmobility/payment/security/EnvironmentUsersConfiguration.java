package com.sharedmobility.payment.security;

import com.sharedmobility.support.security.ApiUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * Outside the local profile the accounts come from the environment; there is no default credential. The settings
 * are checked before startup goes this far, see {@code RequiredPaymentSettings}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!local")
class EnvironmentUsersConfiguration {

  @Bean
  ApiUsers environmentApiUsers(Environment environment) {
    return new ApiUsers(
        ApiUser.fromEnvironment(environment, "PAYMENT_CLIENT_USERNAME", "PAYMENT_CLIENT_PASSWORD"),
        ApiUser.fromEnvironment(environment, "PAYMENT_OPERATOR_USERNAME", "PAYMENT_OPERATOR_PASSWORD"));
  }
}
