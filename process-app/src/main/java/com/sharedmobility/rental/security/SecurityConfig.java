package com.sharedmobility.rental.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
public class SecurityConfig {

  public static final String CUSTOMER = "CUSTOMER";

  /** The customer API: stateless HTTP Basic, so no session cookie and no CSRF token to protect. */
  @Bean
  @Order(1)
  SecurityFilterChain customerApi(HttpSecurity http, ProblemResponses problems) throws Exception {
    return http
        .securityMatcher("/rentals/**", "/mypages/**", "/mobilities/**")
        .authorizeHttpRequests(authorize -> authorize
            .requestMatchers(HttpMethod.GET, "/mobilities/**").authenticated()
            .anyRequest().hasRole(CUSTOMER))
        .httpBasic(basic -> basic.authenticationEntryPoint(problems.unauthenticated()))
        .exceptionHandling(e -> e
            .authenticationEntryPoint(problems.unauthenticated())
            .accessDeniedHandler(problems.forbidden()))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  /**
   * Everything else: the Camunda webapps bring their own login and CSRF filter; health probes and the API docs
   * are public. Engine REST is left to Camunda's own authentication (issue 5 locks it down).
   */
  @Bean
  @Order(2)
  SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .build();
  }
}
