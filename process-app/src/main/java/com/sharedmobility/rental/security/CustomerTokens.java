package com.sharedmobility.rental.security;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Outside the local profile customers sign in at an OAuth2 / OpenID Connect provider and call the API with its
 * bearer token; the customer is the token's subject. The issuer is required, so the service does not start without.
 */
@Configuration
@Profile("!local")
public class CustomerTokens {

  @Bean
  JwtDecoder customerTokenDecoder(@Value("${rental.security.issuer-uri:}") String issuer,
                                  @Value("${rental.security.clock-skew}") Duration clockSkew) {
    if (issuer.isBlank()) {
      throw new IllegalStateException("OAUTH2_ISSUER_URI is not set: the issuer of customer tokens is required "
          + "outside the local profile");
    }
    // resolved at the first request, so the service starts while the provider is still coming up
    JwtDecoder decoder = new SupplierJwtDecoder(() -> {
      NimbusJwtDecoder fromIssuer = NimbusJwtDecoder.withIssuerLocation(issuer).build();
      fromIssuer.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
          new JwtTimestampValidator(clockSkew), new JwtIssuerValidator(issuer)));
      return fromIssuer;
    });
    return token -> {
      try {
        return decoder.decode(token);
      } catch (JwtDecoderInitializationException unreachable) {
        // a JwtException that is no BadJwtException: Spring Security's "service trouble", answered 503
        throw new JwtException("the issuer " + issuer + " cannot be reached: " + unreachable.getMessage(),
            unreachable);
      }
    };
  }

  @Bean
  IssuerHealthIndicator customerTokenIssuer(@Value("${rental.security.issuer-uri:}") String issuer) {
    return new IssuerHealthIndicator(issuer);
  }
}
