package com.sharedmobility.rental.usecase;

import static com.sharedmobility.rental.process.RentalProcess.Variables.REFUND_DUE;

import com.sharedmobility.rental.catalogue.UnusedHours;
import com.sharedmobility.rental.process.RentalProcess.Messages;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.support.tx.ConflictRetry;
import java.time.Clock;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer ends an ACTIVE rental early: the process revokes the key, then refunds the unused whole hours, priced
 * now, at the moment of the return. The rental's read-model row is locked first, so a return and the rental's
 * time-up take turns: whichever comes second sees the other's status. A repeat while the return runs answers with
 * the rental again.
 */
@Service
public class ReturnVehicle {

  private static final int ATTEMPTS = 5;

  private final RentalReadModel readModel;
  private final RuntimeService runtime;
  private final ConflictRetry transaction;
  private final UnusedHours unusedHours;
  private final Clock clock;

  public ReturnVehicle(RentalReadModel readModel, RuntimeService runtime, TransactionTemplate transaction,
                       UnusedHours unusedHours, Clock clock) {
    this.readModel = readModel;
    this.runtime = runtime;
    this.transaction = new ConflictRetry(transaction, ATTEMPTS, e -> e instanceof OptimisticLockingException);
    this.unusedHours = unusedHours;
    this.clock = clock;
  }

  public RentalView returnVehicle(String customer, String rentalId) {
    return transaction.execute("returning rental " + rentalId, () -> returnOnce(customer, rentalId));
  }

  private RentalView returnOnce(String customer, String rentalId) {
    RentalView rental = readModel.lockOwned(rentalId, customer)
        .orElseThrow(() -> RentalProblem.rentalNotFound(rentalId));
    switch (rental.status()) {
      case RETURNING -> {
        return rental;
      }
      case ACTIVE -> {
        try {
          runtime.createMessageCorrelation(Messages.RETURN_VEHICLE)
              .processInstanceBusinessKey(rentalId)
              .setVariable(REFUND_DUE, unusedHours.refundAt(rental, clock.instant()).toPlainString())
              .correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
          // ACTIVE in the read model, yet the instance waits for no return: an operator moved it
          throw RentalProblem.returnNotOffered(rental);
        }
        return readModel.findOwned(rentalId, customer).orElseThrow();
      }
      default -> throw RentalProblem.notReturnable(rental);
    }
  }
}
