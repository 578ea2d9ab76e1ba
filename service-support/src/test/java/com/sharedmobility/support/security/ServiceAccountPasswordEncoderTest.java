package com.sharedmobility.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class ServiceAccountPasswordEncoderTest {

  private final PasswordEncoder encoder = ServiceAccountPasswordEncoder.delegating();

  @Test
  void acceptsTheRightPasswordOnly() {
    String encoded = encoder.encode("s3cret-from-the-secret-store");

    // not {sha256}: Spring Security's own factory maps that id to another (deprecated) format
    assertThat(encoded).startsWith("{salted-sha256}").doesNotContain("s3cret");
    assertThatThrownBy(() -> PasswordEncoderFactories.createDelegatingPasswordEncoder()
        .matches("s3cret-from-the-secret-store", encoded))
        .as("Spring Security's own encoders do not claim this format").hasMessageContaining("salted-sha256");
    assertThat(encoder.matches("s3cret-from-the-secret-store", encoded)).isTrue();
    assertThat(encoder.matches("s3cret-from-the-secret-storE", encoded)).isFalse();
    assertThat(encoder.matches("", encoded)).isFalse();
  }

  @Test
  void saltsEachEncoding() {
    assertThat(encoder.encode("same")).isNotEqualTo(encoder.encode("same"));
  }

  @Test
  void stillAcceptsBcryptHashes() {
    String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder().encode("old");

    assertThat(encoder.matches("old", bcrypt)).isTrue();
    assertThat(encoder.matches("new", bcrypt)).isFalse();
  }

  @Test
  void aMalformedHashMatchesNothing() {
    ServiceAccountPasswordEncoder sha256 = new ServiceAccountPasswordEncoder();

    assertThat(sha256.matches("x", "not-a-hash")).isFalse();
    assertThat(sha256.matches("x", "zz".repeat(16) + "$00")).isFalse();
    assertThat(sha256.matches("x", null)).isFalse();
    assertThat(sha256.matches(null, sha256.encode("x"))).isFalse();
  }

  @Test
  void anApiUserIsAuthenticatedByItsServicesAccountsOnly() {
    AuthenticationProvider accounts = ServiceAccounts.inMemory(
        new ApiUser("payments", "pw-of-a-generated-secret-1").withRole("PAYMENTS"));

    Authentication authenticated = accounts.authenticate(
        UsernamePasswordAuthenticationToken.unauthenticated("payments", "pw-of-a-generated-secret-1"));
    assertThat(authenticated.isAuthenticated()).isTrue();
    assertThat(authenticated.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_PAYMENTS");
    assertThatThrownBy(() -> accounts.authenticate(
        UsernamePasswordAuthenticationToken.unauthenticated("payments", "pw-of-a-generated-secret-2")))
        .isInstanceOf(BadCredentialsException.class);
  }

  @Test
  void aMachineSecretShorterThan24CharactersIsRefusedByNameNotValue() {
    assertThat(MachineSecrets.requireGenerated("X_PASSWORD", "a".repeat(24))).hasSize(24);
    assertThatThrownBy(() -> MachineSecrets.requireGenerated("X_PASSWORD", "hunter2-hunter2"))
        .hasMessage("X_PASSWORD must be a generated secret of at least 24 characters (e.g. openssl rand -base64 32)");
    assertThatThrownBy(() -> MachineSecrets.requireGenerated("X_PASSWORD", null))
        .hasMessageStartingWith("X_PASSWORD must be");
  }
}
