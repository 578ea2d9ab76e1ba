package com.sharedmobility.key.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.support.security.ProblemSecurityHandlers;
import com.sharedmobility.support.security.ServiceAccounts;
import com.sharedmobility.support.security.StatelessBasicSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic for machine callers, no session and no CSRF token, since no browser holds a session here. Vehicles
 * verify keys, operators read them and the metrics; health and info are open; everything else is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain keyApiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
    return StatelessBasicSecurity.serviceApi(http, new ProblemSecurityHandlers(json, "key-adapter"),
            requests -> requests
                .requestMatchers(HttpMethod.POST, "/keys/verify").hasRole(Roles.VEHICLE)
                .requestMatchers(HttpMethod.POST, "/keys/*/withdrawal").hasRole(Roles.RENTAL_PROCESS)
                .requestMatchers(HttpMethod.GET, "/keys/**").hasRole(Roles.OPERATOR))
        .build();
  }

  @Bean
  AuthenticationProvider apiAccounts(ApiUsers users) {
    return ServiceAccounts.inMemory(
        users.vehicle().withRole(Roles.VEHICLE),
        users.process().withRole(Roles.RENTAL_PROCESS),
        users.operator().withRole(Roles.OPERATOR));
  }
}
