package com.sharedmobility.rental.usecase;

import com.sharedmobility.rental.key.KeyWithdrawal;
import com.sharedmobility.rental.process.RentalProcess.Messages;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.support.tx.ConflictRetry;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer cancels, until the vehicle was first unlocked with the rental's key: the key service withdraws the key
 * first (refusing once it opened the vehicle), then the process revokes and refunds. The rental's read-model row is
 * locked first, so the cancel and the process's own steps (key issued, rental time up) take turns; a collision the
 * engine still detects is retried, never shown as a 500.
 */
@Service
public class CancelRental {

  private static final int ATTEMPTS = 5;

  private final RentalReadModel readModel;
  private final RuntimeService runtime;
  private final ConflictRetry transaction;
  private final KeyWithdrawal keyWithdrawal;

  public CancelRental(RentalReadModel readModel, RuntimeService runtime, TransactionTemplate transaction,
                      KeyWithdrawal keyWithdrawal) {
    this.readModel = readModel;
    this.runtime = runtime;
    this.transaction = new ConflictRetry(transaction, ATTEMPTS, e -> e instanceof OptimisticLockingException);
    this.keyWithdrawal = keyWithdrawal;
  }

  public RentalView cancel(String customer, String rentalId) {
    return transaction.execute("cancelling rental " + rentalId, () -> cancelOnce(customer, rentalId));
  }

  private RentalView cancelOnce(String customer, String rentalId) {
    RentalView rental = readModel.lockOwned(rentalId, customer)
        .orElseThrow(() -> RentalProblem.rentalNotFound(rentalId));
    switch (rental.status()) {
      // a rental being returned has been ridden: it ends as COMPLETED, with what the return refunds
      case RETURNING, COMPLETED, REJECTED, ABORTED -> throw RentalProblem.notCancellable(rental);
      case CANCELLING, CANCELLED -> {
        return rental;
      }
      default -> {
        if (rental.status() == RentalStatus.ACTIVE) {
          // the customer holds the key: only one that never opened the vehicle lets the rental be cancelled. Before
          // (the row lock keeps it so) nobody has seen a key, and the process revokes whatever may exist
          keyWithdrawal.withdraw(rentalId);
        }
        runtime.createMessageCorrelation(Messages.CANCEL_RENTAL)
            .processInstanceBusinessKey(rentalId)
            .correlateWithResult();
        return readModel.findOwned(rentalId, customer).orElseThrow();
      }
    }
  }
}
