package com.sharedmobility.payment.security;

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
 * HTTP Basic for service-to-service calls, no session and no CSRF token, since no browser holds a session here.
 * Only the payment client moves money (charge, refund); it and operators may read payments, operators the metrics; health and info are
 * open; everything else is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain paymentApiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
    return StatelessBasicSecurity.serviceApi(http, new ProblemSecurityHandlers(json, "payment-adapter"),
            requests -> requests
                .requestMatchers(HttpMethod.POST, "/payments/**").hasRole(Roles.PAYMENT_CLIENT)
                .requestMatchers(HttpMethod.GET, "/payments/**").hasAnyRole(Roles.PAYMENT_CLIENT, Roles.OPERATOR))
        .build();
  }

  @Bean
  AuthenticationProvider apiAccounts(ApiUsers users) {
    return ServiceAccounts.inMemory(
        users.client().withRole(Roles.PAYMENT_CLIENT),
        users.operator().withRole(Roles.OPERATOR));
  }
}
