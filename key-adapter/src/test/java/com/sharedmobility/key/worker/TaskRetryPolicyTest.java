package com.sharedmobility.key.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskRetryPolicyTest {

  private final TaskRetryPolicy policy = new TaskRetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(30));

  @Test
  void countsRetriesDownFromTheConfiguredNumberToZero() {
    assertThat(policy.retriesAfterFailure(null)).isEqualTo(3);
    assertThat(policy.retriesAfterFailure(3)).isEqualTo(2);
    assertThat(policy.retriesAfterFailure(1)).isZero();
    assertThat(policy.retriesAfterFailure(0)).isZero();
  }

  @Test
  void doublesTheWaitUpToTheLimit() {
    assertThat(policy.timeoutBefore(3)).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.timeoutBefore(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.timeoutBefore(1)).isEqualTo(Duration.ofSeconds(20));
    assertThat(policy.timeoutBefore(0)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void retriesAddedByAnOperatorStartAgainAtTheFirstWait() {
    assertThat(policy.timeoutBefore(7)).isEqualTo(Duration.ofSeconds(5));
  }
}
