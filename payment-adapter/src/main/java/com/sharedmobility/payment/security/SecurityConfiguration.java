package com.sharedmobility.payment.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic for service-to-service calls, no session and no CSRF token, since no browser holds a session here.
 * Only the payment client moves money (charge, refund); it and operators may read payments; health and info are
 * open; everything else is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain paymentApiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
    ProblemSecurityHandlers problems = new ProblemSecurityHandlers(json);
    return http
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(HttpMethod.POST, "/payments/**").hasRole(Roles.PAYMENT_CLIENT)
            .requestMatchers(HttpMethod.GET, "/payments/**").hasAnyRole(Roles.PAYMENT_CLIENT, Roles.OPERATOR)
            .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
            .anyRequest().denyAll())
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService apiUserDetails(ApiUsers users, PasswordEncoder encoder) {
    return new InMemoryUserDetailsManager(
        account(users.client(), Roles.PAYMENT_CLIENT, encoder),
        account(users.operator(), Roles.OPERATOR, encoder));
  }

  private static UserDetails account(ApiUser user, String role, PasswordEncoder encoder) {
    return User.withUsername(user.username()).password(encoder.encode(user.password())).roles(role).build();
  }
}
