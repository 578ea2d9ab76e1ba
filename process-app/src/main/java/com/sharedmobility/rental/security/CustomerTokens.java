package com.sharedmobility.rental.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Outside the local profile customers sign in at an OAuth2 / OpenID Connect provider and call the API with its
 * bearer token; the customer is the token's subject. The issuer is required, so the service does not start without.
 */
@Configuration
@Profile("!local")
public class CustomerTokens {

  @Bean
  JwtDecoder customerTokenDecoder(@Value("${rental.security.issuer-uri:}") String issuer) {
    if (issuer.isBlank()) {
      throw new IllegalStateException("OAUTH2_ISSUER_URI is not set: the issuer of customer tokens is required "
          + "outside the local profile");
    }
    // resolved at the first request, so the service starts while the provider is still coming up
    return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuer));
  }
}
