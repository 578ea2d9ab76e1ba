package com.sharedmobility.payment.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * Outside the local profile the accounts come from the environment; there is no default credential. The settings
 * are checked before startup goes this far, see {@code RequiredSettingsCheck}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!local")
class EnvironmentUsersConfiguration {

  @Bean
  ApiUsers environmentApiUsers(Environment environment) {
    return new ApiUsers(
        new ApiUser(environment.getRequiredProperty("PAYMENT_CLIENT_USERNAME"),
            environment.getRequiredProperty("PAYMENT_CLIENT_PASSWORD")),
        new ApiUser(environment.getRequiredProperty("PAYMENT_OPERATOR_USERNAME"),
            environment.getRequiredProperty("PAYMENT_OPERATOR_PASSWORD")));
  }
}
