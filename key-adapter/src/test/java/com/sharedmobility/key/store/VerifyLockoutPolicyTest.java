package com.sharedmobility.key.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerifyLockoutPolicyTest {

  private final VerifyLockoutPolicy policy =
      new VerifyLockoutPolicy(5, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15));

  @Test
  void eachLockoutDoublesUpToTheMaximum() {
    assertThat(policy.lockoutNumber(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.lockoutNumber(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(policy.lockoutNumber(3)).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.lockoutNumber(5)).isEqualTo(Duration.ofMinutes(8));
    assertThat(policy.lockoutNumber(6)).isEqualTo(Duration.ofMinutes(15));
    assertThat(policy.lockoutNumber(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void refusesDurationsThatMakeNoSense() {
    assertThatThrownBy(() -> new VerifyLockoutPolicy(5, Duration.ZERO, Duration.ofSeconds(30), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VerifyLockoutPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(2),
        Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-lockout");
  }

  @Test
  void retryAfterIsInWholeSecondsRoundedUp() {
    assertThat(new VerificationLockedException(Duration.ofMillis(29_001)).retryAfterSeconds()).isEqualTo(30);
    assertThat(new VerificationLockedException(Duration.ofSeconds(30)).retryAfterSeconds()).isEqualTo(30);
    assertThat(new VerificationLockedException(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
  }
}
