package com.sharedmobility.rental.app;

import com.sharedmobility.rental.security.SecurityConfig;
import jakarta.servlet.DispatcherType;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The customer app's own filter chain: a session with CSRF protection, apart from the API's stateless bearer or
 * Basic chain. In the local profile customers sign in with a form against the local users; everywhere else with
 * the OIDC authorization-code login of the issuer that signs the API's tokens (OidcLogin). Staff accounts are no
 * customers: they get a page that says so.
 */
@Configuration
public class CustomerAppSecurity {

  /** Where a customer signs in (the form, or the link to the identity provider) and lands when a session expired. */
  static final String LOGIN = "/app/login";
  static final String DENIED = "/app/denied";
  static final String LOGOUT = "/app/logout";
  /**
   * Forgotten at sign-out, so that the next page is not taken for one of an expired session (invalidSessionUrl).
   */
  private static final String SESSION_COOKIE = "JSESSIONID";

  @Bean
  @Order(0)
  SecurityFilterChain customerApp(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidcClients,
                                  Optional<OidcLogin.Issuer> issuer) throws Exception {
    http
        .securityMatcher("/", "/app/**", "/oauth2/authorization/**", "/login/oauth2/**")
        .authorizeHttpRequests(authorize -> authorize
            .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
            .requestMatchers("/app/assets/**", LOGIN, "/app/signed-out").permitAll()
            .anyRequest().hasAnyAuthority("ROLE_" + SecurityConfig.CUSTOMER, SecurityConfig.CUSTOMER_SCOPE))
        // a request with a session that ended (expired, or signed out elsewhere) gets a sentence, not a bare form
        .sessionManagement(session -> session.invalidSessionUrl(LOGIN + "?expired"))
        .exceptionHandling(errors -> {
          AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
          denied.setErrorPage(DENIED);
          errors.accessDeniedHandler(denied);
        })
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(issuer)))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
    if (oidcClients.getIfAvailable() != null) {
      OidcClientInitiatedLogoutSuccessHandler signedOut =
          new OidcClientInitiatedLogoutSuccessHandler(oidcClients.getObject());
      signedOut.setPostLogoutRedirectUri("{baseUrl}/app/signed-out");
      if (oidcClients.getObject() instanceof LazyClientRegistrations registrations) {
        http.addFilterBefore(new SignInAvailability(registrations), OAuth2AuthorizationRequestRedirectFilter.class);
      }
      http
          .oauth2Login(login -> login.loginPage(LOGIN).defaultSuccessUrl("/", false))
          .logout(logout -> logout.logoutUrl(LOGOUT).deleteCookies(SESSION_COOKIE).logoutSuccessHandler(signedOut));
    } else {
      http
          .formLogin(form -> form.loginPage(LOGIN).loginProcessingUrl(LOGIN).defaultSuccessUrl("/", false)
              .failureUrl(LOGIN + "?error"))
          .logout(logout -> logout.logoutUrl(LOGOUT).deleteCookies(SESSION_COOKIE).logoutSuccessUrl("/app/signed-out"));
    }
    return http.build();
  }

  /**
   * Scripts, styles and images from this origin only, no inline script or style, no framing; forms post here, and
   * with OIDC the sign-out form is redirected on to the issuer, which browsers check against form-action too.
   */
  static String contentSecurityPolicy(Optional<OidcLogin.Issuer> issuer) {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
        + " object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
        + issuer.map(i -> " " + i.origin()).orElse("");
  }
}
