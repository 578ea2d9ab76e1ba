package com.sharedmobility.rental.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.rental.readmodel.RentalStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/** A step the engine rolls back is retried: it must count once, when its transaction commits. */
class RentalOutcomeMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RentalOutcomeMetrics metrics = new RentalOutcomeMetrics(registry);

  @AfterEach
  void endSynchronization() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.clearSynchronization();
    }
  }

  @Test
  void countsWhenTheTransactionCommits() {
    TransactionSynchronizationManager.initSynchronization();
    metrics.reached(RentalStatus.ACTIVE);
    metrics.activated(Duration.ofMillis(250));

    assertThat(outcomes("ACTIVE")).isZero();

    TransactionSynchronizationUtils.triggerAfterCommit();

    assertThat(outcomes("ACTIVE")).isEqualTo(1);
    assertThat(registry.get(RentalOutcomeMetrics.ACTIVATION).timer().count()).isEqualTo(1);
  }

  @Test
  void doesNotCountWhatRolledBack() {
    TransactionSynchronizationManager.initSynchronization();
    metrics.reached(RentalStatus.CANCELLED);

    TransactionSynchronizationUtils.triggerAfterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);

    assertThat(outcomes("CANCELLED")).isZero();
  }

  @Test
  void countsOnlyOutcomesNotTheStatusesOnTheWay() {
    metrics.reached(RentalStatus.KEY_PENDING);
    metrics.reached(RentalStatus.REJECTED);

    assertThat(registry.find(RentalOutcomeMetrics.OUTCOMES).tag("outcome", "KEY_PENDING").counter()).isNull();
    assertThat(outcomes("REJECTED")).isEqualTo(1);
  }

  private double outcomes(String outcome) {
    return registry.get(RentalOutcomeMetrics.OUTCOMES).tag("outcome", outcome).counter().count();
  }
}
