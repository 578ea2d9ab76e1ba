package com.sharedmobility.rental.metrics;

import com.sharedmobility.rental.readmodel.RentalStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rentals by outcome ({@code rental.outcomes{outcome}}), extensions ({@code rental.extensions}) and the time from
 * application to an active key ({@code rental.activation}). Recorded only once the engine's transaction commits: a
 * step that rolls back is retried and would otherwise count twice.
 */
@Component
public class RentalOutcomeMetrics {

  static final String OUTCOMES = "rental.outcomes";
  static final String ACTIVATION = "rental.activation";
  static final String EXTENSIONS = "rental.extensions";
  static final Set<RentalStatus> OUTCOME_STATUSES =
      EnumSet.of(RentalStatus.ACTIVE, RentalStatus.COMPLETED, RentalStatus.CANCELLED, RentalStatus.REJECTED,
          RentalStatus.ABORTED);

  private final Map<RentalStatus, Counter> outcomes = new EnumMap<>(RentalStatus.class);
  private final Timer activation;
  private final Counter extensions;

  public RentalOutcomeMetrics(MeterRegistry registry) {
    OUTCOME_STATUSES.forEach(status -> outcomes.put(status, Counter.builder(OUTCOMES)
        .description("Rentals that reached an outcome: ACTIVE (key handed over), COMPLETED, CANCELLED, REJECTED, ABORTED")
        .tag("outcome", status.name())
        .register(registry)));
    extensions = Counter.builder(EXTENSIONS)
        .description("Extensions of ACTIVE rentals, paid and applied")
        .register(registry);
    activation = Timer.builder(ACTIVATION)
        .description("Time from the application to the key handed over (payment and key issue)")
        .publishPercentileHistogram()
        .register(registry);
  }

  /** Counts the status if it is an outcome; statuses on the way (PAYMENT_PENDING, ...) are not counted. */
  public void reached(RentalStatus status) {
    Counter counter = outcomes.get(status);
    if (counter != null) {
      afterCommit(counter::increment);
    }
  }

  /** An extension was applied: counted once, as the outcome it is not (the rental stays ACTIVE). */
  public void extended() {
    afterCommit(extensions::increment);
  }

  public void activated(Duration sinceApplication) {
    afterCommit(() -> activation.record(sinceApplication));
  }

  private static void afterCommit(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }
    });
  }
}
