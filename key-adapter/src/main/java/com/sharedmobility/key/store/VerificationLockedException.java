package com.sharedmobility.key.store;

import java.time.Duration;

/** The vehicle took too many wrong keys: no key, not even the right one, is verified before the lockout ends. */
public class VerificationLockedException extends RuntimeException {

  private final Duration retryAfter;

  VerificationLockedException(Duration retryAfter) {
    super("too many wrong keys for this vehicle: verification is locked for " + seconds(retryAfter) + " s");
    this.retryAfter = retryAfter;
  }

  /** Whole seconds until the lockout ends, rounded up, at least 1: the value of a {@code Retry-After} header. */
  public long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  private static long seconds(Duration duration) {
    long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
    return Math.max(seconds, 1);
  }
}
