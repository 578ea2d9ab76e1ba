package com.sharedmobility.rental.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/** The issuer's endpoints are asked for at the first sign-in, again while it cannot be reached, then kept. */
class LazyClientRegistrationsTest {

  private static final ClientRegistration REGISTRATION = ClientRegistration.withRegistrationId("customer-app")
      .clientId("customer-app")
      .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
      .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
      .authorizationUri("https://issuer.example/authorize")
      .tokenUri("https://issuer.example/token")
      .build();

  @Test
  void asksTheIssuerAgainWhileItCannotBeReachedThenKeepsWhatItSaid() {
    AtomicInteger asked = new AtomicInteger();
    LazyClientRegistrations registrations = new LazyClientRegistrations("customer-app", () -> {
      if (asked.incrementAndGet() <= 2) {
        throw new IllegalArgumentException("Unable to resolve the Configuration with the provided Issuer");
      }
      return REGISTRATION;
    });

    assertThat(registrations.available()).isFalse();
    assertThat(registrations.findByRegistrationId("customer-app")).isNull();
    assertThat(registrations.findByRegistrationId("customer-app")).isSameAs(REGISTRATION);
    assertThat(registrations.available()).isTrue();
    assertThat(asked).hasValue(3);
  }

  @Test
  void knowsNoOtherRegistrationAndDoesNotAskTheIssuerForOne() {
    AtomicInteger asked = new AtomicInteger();
    LazyClientRegistrations registrations = new LazyClientRegistrations("customer-app", () -> {
      asked.incrementAndGet();
      return REGISTRATION;
    });

    assertThat(registrations.findByRegistrationId("another-app")).isNull();
    assertThat(asked).hasValue(0);
  }
}
