package com.sharedmobility.rental.security;

import com.sharedmobility.support.security.StatelessBasicSecurity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
public class SecurityConfig {

  public static final String CUSTOMER = "CUSTOMER";
  public static final String OPERATOR = "OPERATOR";
  public static final String ADMIN = "ADMIN";
  public static final String CUSTOMER_SCOPE = "SCOPE_rentals";

  /**
   * The customer API: bearer tokens where a token decoder is configured (every profile but local), HTTP Basic with
   * the seeded users in the local profile. A token is a customer's when it carries the scope {@code rentals}.
   */
  @Bean
  @Order(1)
  SecurityFilterChain customerApi(HttpSecurity http, ProblemResponses problems,
                                  ObjectProvider<JwtDecoder> tokens) throws Exception {
    http
        .securityMatcher("/rentals/**", "/mypages/**", "/mobilities/**")
        .authorizeHttpRequests(authorize -> authorize
            .requestMatchers(HttpMethod.GET, "/mobilities/**").authenticated()
            .anyRequest().hasAnyAuthority("ROLE_" + CUSTOMER, CUSTOMER_SCOPE));
    if (tokens.getIfAvailable() != null) {
      http.oauth2ResourceServer(server -> server
          .jwt(Customizer.withDefaults())
          .authenticationEntryPoint(problems)
          .accessDeniedHandler(problems)
          // the filter's own failure handler would rethrow "issuer unreachable" as a 500
          .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
              filter.setAuthenticationFailureHandler(problems);
              return filter;
            }
          }));
    }
    return StatelessBasicSecurity.apply(http, problems).build();
  }

  /** Probes and info are public (Kubernetes asks anonymously); metrics and health details are for staff. */
  @Bean
  @Order(2)
  SecurityFilterChain actuator(HttpSecurity http, ProblemResponses problems) throws Exception {
    return StatelessBasicSecurity.apply(http
        .securityMatcher("/actuator/**")
        .authorizeHttpRequests(authorize -> authorize
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            .anyRequest().hasAnyRole(OPERATOR, ADMIN)), problems)
        .build();
  }

  /**
   * Everything else: the Camunda webapps bring their own login and CSRF filter, engine REST its own authentication
   * against Camunda's identity service (EngineRestAuthentication); the API docs are public.
   */
  @Bean
  @Order(3)
  SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .build();
  }
}
