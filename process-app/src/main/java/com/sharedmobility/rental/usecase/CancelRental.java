package com.sharedmobility.rental.usecase;

import com.sharedmobility.rental.process.RentalProcess.Messages;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalView;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer cancels. The rental's read-model row is locked first, so the cancel and the process's own steps
 * (key issued, rental time up) take turns; a collision the engine still detects is retried, never shown as a 500.
 */
@Service
public class CancelRental {

  private static final Logger LOG = LoggerFactory.getLogger(CancelRental.class);
  private static final int ATTEMPTS = 5;

  private final RentalReadModel readModel;
  private final RuntimeService runtime;
  private final TransactionTemplate transaction;

  public CancelRental(RentalReadModel readModel, RuntimeService runtime, TransactionTemplate transaction) {
    this.readModel = readModel;
    this.runtime = runtime;
    this.transaction = transaction;
  }

  public RentalView cancel(String customer, String rentalId) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> cancelOnce(customer, rentalId));
      } catch (OptimisticLockingException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        LOG.info("rental {}: cancel collided with the process (attempt {}), retrying", rentalId, attempt);
      }
    }
  }

  private RentalView cancelOnce(String customer, String rentalId) {
    RentalView rental = readModel.lockOwned(rentalId, customer)
        .orElseThrow(() -> RentalProblem.rentalNotFound(rentalId));
    switch (rental.status()) {
      case COMPLETED, REJECTED -> throw RentalProblem.notCancellable(rental);
      case CANCELLING, CANCELLED -> {
        return rental;
      }
      default -> {
        runtime.createMessageCorrelation(Messages.CANCEL_RENTAL)
            .processInstanceBusinessKey(rentalId)
            .correlateWithResult();
        return readModel.findOwned(rentalId, customer).orElseThrow();
      }
    }
  }
}
