package com.sharedmobility.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class ServiceAccountPasswordEncoderTest {

  private final PasswordEncoder encoder = ServiceAccountPasswordEncoder.delegating();

  @Test
  void acceptsTheRightPasswordOnly() {
    String encoded = encoder.encode("s3cret-from-the-secret-store");

    assertThat(encoded).startsWith("{sha256}").doesNotContain("s3cret");
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
  void anApiUserIsCheckedByTheEncoderSpringSecurityGets() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ServiceAccountPasswordAutoConfiguration.class))
        .run(app -> {
          UserDetails user = new ApiUser("payments", "pw-123").withRole("PAYMENTS");
          assertThat(app.getBean(PasswordEncoder.class).matches("pw-123", user.getPassword())).isTrue();
        });
  }

  @Test
  void aServicesOwnEncoderWins() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ServiceAccountPasswordAutoConfiguration.class))
        .withBean(PasswordEncoder.class, NoOpPasswordEncoder::getInstance)
        .run(app -> assertThat(app.getBean(PasswordEncoder.class)).isSameAs(NoOpPasswordEncoder.getInstance()));
  }
}
