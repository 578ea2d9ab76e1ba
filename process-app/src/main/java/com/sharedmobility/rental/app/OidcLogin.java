package com.sharedmobility.rental.app;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Outside the local profile customers sign in to the app at the issuer that signs the API's tokens (OpenID Connect
 * authorization code with PKCE), as the client {@code OAUTH2_CLIENT_ID}; with {@code OAUTH2_CLIENT_SECRET} as a
 * confidential client, without as a public one. The issuer is asked for its endpoints at the first sign-in, so the
 * service starts while the issuer is still coming up.
 */
@Configuration
@Profile("!local")
public class OidcLogin {

  /** The registration's id: part of the sign-in and redirect paths. */
  public static final String REGISTRATION_ID = "customer-app";
  public static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;

  /** The issuer of customer sign-ins, for the pages and their content security policy. */
  public record Issuer(String uri) {

    /** scheme://host[:port] of the issuer: where the sign-out form is redirected. */
    public String origin() {
      URI parsed = URI.create(uri);
      return parsed.getScheme() + "://" + parsed.getRawAuthority();
    }
  }

  @Bean
  Issuer customerLoginIssuer(@Value("${rental.security.issuer-uri:}") String issuer) {
    return new Issuer(issuer);
  }

  @Bean
  LazyClientRegistrations customerAppClient(Issuer issuer, CustomerAppProperties settings) {
    String clientId = settings.clientId();
    String clientSecret = settings.clientSecret();
    if (issuer.uri().isBlank()) {
      throw new IllegalStateException("OAUTH2_ISSUER_URI is not set: customers sign in to the customer app at this"
          + " issuer outside the local profile");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalStateException("OAUTH2_CLIENT_ID is not set: the customer app signs customers in at the"
          + " issuer as this client outside the local profile");
    }
    return new LazyClientRegistrations(REGISTRATION_ID, () -> {
      ClientRegistration.Builder client = ClientRegistrations.fromIssuerLocation(issuer.uri())
          .registrationId(REGISTRATION_ID)
          .clientId(clientId)
          .scope("openid", "profile", "rentals")
          .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
          // PKCE for a confidential client too: a stolen code is worth nothing
          .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build());
      return clientSecret == null || clientSecret.isBlank()
          ? client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE).build()
          : client.clientSecret(clientSecret).build();
    });
  }
}
