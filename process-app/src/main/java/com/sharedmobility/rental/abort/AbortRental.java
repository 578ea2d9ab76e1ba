package com.sharedmobility.rental.abort;

import static com.sharedmobility.rental.process.RentalProcess.Variables.RENTAL_ID;

import com.sharedmobility.rental.metrics.RentalOutcomeMetrics;
import com.sharedmobility.rental.process.RentalProcess;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalStatus;
import java.time.Clock;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A live rental whose instance an operator ended: the customer sees {@code ABORTED} at once, and the process
 * {@code rentalAbort} revokes the key, then refunds the charge (both idempotent by rental id). Runs in the
 * transaction that ended the instance, so the operator's action, the status and the settlement commit together.
 */
@Service
public class AbortRental {

  private static final Logger LOG = LoggerFactory.getLogger(AbortRental.class);

  private final RentalReadModel readModel;
  private final RuntimeService runtime;
  private final RentalOutcomeMetrics metrics;
  private final Clock clock;

  public AbortRental(RentalReadModel readModel, RuntimeService runtime, RentalOutcomeMetrics metrics, Clock clock) {
    this.readModel = readModel;
    this.runtime = runtime;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Called inside the engine's command that ended the rental's instance. */
  void ifStillLive(String rentalId) {
    if (!readModel.abortIfLive(rentalId, clock.instant())) {
      return;
    }
    metrics.reached(RentalStatus.ABORTED);
    LOG.warn("rental {}: its process instance was ended outside the product; revoking its key, then refunding",
        rentalId);
    // the settlement is the product's duty, not the operator's: it must not fail on the operator's permissions
    Context.getCommandContext().runWithoutAuthorization(() -> runtime
        .createProcessInstanceByKey(RentalProcess.ABORT_PROCESS_KEY)
        .businessKey(rentalId)
        .setVariable(RENTAL_ID, rentalId)
        .execute());
  }
}
