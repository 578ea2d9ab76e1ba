package com.sharedmobility.key.store;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many wrong keys a vehicle takes before its verifications are refused: {@code maxFailures} within
 * {@code failureWindow} lock it for {@code lockout}; each further lockout before a correct key lasts twice as long
 * as the one before, at most {@code maxLockout}.
 */
@Validated
@ConfigurationProperties("key.verify")
public record VerifyLockoutPolicy(
    @Min(1) @DefaultValue("5") int maxFailures,
    @NotNull @DefaultValue("PT15M") Duration failureWindow,
    @NotNull @DefaultValue("PT30S") Duration lockout,
    @NotNull @DefaultValue("PT15M") Duration maxLockout) {

  public VerifyLockoutPolicy {
    for (Duration duration : new Duration[] {failureWindow, lockout, maxLockout}) {
      if (duration != null && (duration.isNegative() || duration.isZero())) {
        throw new IllegalArgumentException("key.verify durations must be positive, not " + duration);
      }
    }
    if (lockout != null && maxLockout != null && maxLockout.compareTo(lockout) < 0) {
      throw new IllegalArgumentException("key.verify.max-lockout " + maxLockout + " is shorter than key.verify.lockout "
          + lockout);
    }
  }

  /** How long the {@code nth} lockout since the last correct key lasts (the first is 1). */
  public Duration lockoutNumber(int nth) {
    Duration duration = lockout;
    for (int i = 1; i < nth && duration.compareTo(maxLockout) < 0; i++) {
      duration = duration.multipliedBy(2);
    }
    return duration.compareTo(maxLockout) < 0 ? duration : maxLockout;
  }
}
