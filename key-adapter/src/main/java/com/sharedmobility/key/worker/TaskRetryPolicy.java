package com.sharedmobility.key.worker;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a failed key task is retried: {@code retries} more times, waiting {@code firstTimeout} before the first retry
 * and twice as long before each further one, at most {@code maxTimeout}. With no retries left the engine raises an
 * incident.
 */
@Validated
@ConfigurationProperties("key.worker.retry")
public record TaskRetryPolicy(
    @Min(0) @DefaultValue("3") int retries,
    @NotNull @DefaultValue("PT5S") Duration firstTimeout,
    @NotNull @DefaultValue("PT5M") Duration maxTimeout) {

  /** The retries left after a failure; {@code current} is the task's, null while it has never failed. */
  public int retriesAfterFailure(Integer current) {
    return current == null ? retries : Math.max(current - 1, 0);
  }

  /** The wait before the retry that leaves {@code remaining} retries after it. */
  public Duration timeoutBefore(int remaining) {
    int earlierRetries = Math.max(retries - remaining, 0);
    Duration timeout = firstTimeout;
    for (int i = 0; i < earlierRetries && timeout.compareTo(maxTimeout) < 0; i++) {
      timeout = timeout.multipliedBy(2);
    }
    return timeout.compareTo(maxTimeout) < 0 ? timeout : maxTimeout;
  }
}
