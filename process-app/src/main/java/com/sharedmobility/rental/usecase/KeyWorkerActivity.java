package com.sharedmobility.rental.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** When the key worker last completed a task through this node: whether the key pipeline is moving. */
@Component
public class KeyWorkerActivity {

  private final Clock clock;
  private volatile Instant lastCompletion = Instant.EPOCH;

  public KeyWorkerActivity(Clock clock) {
    this.clock = clock;
  }

  public void completed() {
    lastCompletion = clock.instant();
  }

  boolean completedWithin(Duration window, Instant now) {
    return lastCompletion.plus(window).isAfter(now);
  }
}
