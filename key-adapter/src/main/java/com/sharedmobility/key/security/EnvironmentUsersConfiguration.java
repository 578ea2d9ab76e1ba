package com.sharedmobility.key.security;

import com.sharedmobility.support.security.ApiUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * Outside the local profile the accounts come from the environment; there is no default credential. The settings
 * are checked before startup goes this far, see {@code RequiredKeySettings}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!local")
class EnvironmentUsersConfiguration {

  @Bean
  ApiUsers environmentApiUsers(Environment environment) {
    return new ApiUsers(
        ApiUser.fromEnvironment(environment, "KEYS_VEHICLE_USERNAME", "KEYS_VEHICLE_PASSWORD"),
        ApiUser.fromEnvironment(environment, "KEY_CLIENT_USERNAME", "KEY_CLIENT_PASSWORD"),
        ApiUser.fromEnvironment(environment, "KEYS_OPERATOR_USERNAME", "KEYS_OPERATOR_PASSWORD"));
  }
}
