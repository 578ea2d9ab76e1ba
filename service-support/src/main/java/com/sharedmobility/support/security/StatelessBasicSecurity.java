package com.sharedmobility.support.security;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;

/** The filter chain parts every service API shares; the service adds who may call what. */
public final class StatelessBasicSecurity {

  /** The role that may read a service's metrics, also in Prometheus' format. */
  public static final String OPERATOR = "OPERATOR";

  private StatelessBasicSecurity() {
  }

  /**
   * HTTP Basic without a session, so there is no CSRF token to protect, no request to save for after a login and
   * no logout; 401 and 403 as problem details.
   */
  public static HttpSecurity apply(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
    return http
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable);
  }

  /**
   * {@link #apply} for a service that is the chain's only API: health and info are open, error dispatches too (so
   * that an error keeps its status), metrics are for {@link #OPERATOR}s, the service's rules decide its own paths,
   * and whatever they do not name is denied.
   */
  public static HttpSecurity serviceApi(HttpSecurity http, ProblemSecurityHandlers problems,
      Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
      throws Exception {
    return apply(http.authorizeHttpRequests(requests -> {
      requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
      rules.customize(requests);
      requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
          .requestMatchers(EndpointRequest.to("metrics", "prometheus")).hasRole(OPERATOR)
          .anyRequest().denyAll();
    }), problems);
  }
}
