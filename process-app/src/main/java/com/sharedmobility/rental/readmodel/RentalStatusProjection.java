package com.sharedmobility.rental.readmodel;

import static com.sharedmobility.rental.process.RentalProcess.Variables.AMOUNT;
import static com.sharedmobility.rental.process.RentalProcess.Variables.CURRENCY;
import static com.sharedmobility.rental.process.RentalProcess.Variables.CUSTOMER;
import static com.sharedmobility.rental.process.RentalProcess.Variables.HOURS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.KEY;
import static com.sharedmobility.rental.process.RentalProcess.Variables.MOBILITY_ID;
import static com.sharedmobility.rental.process.RentalProcess.Variables.PAYMENT_STATUS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.REFUNDED_AMOUNT;
import static com.sharedmobility.rental.process.RentalProcess.Variables.RENTAL_DURATION;
import static com.sharedmobility.rental.process.RentalProcess.Variables.RENTAL_ID;

import com.sharedmobility.rental.catalogue.PriceList;
import com.sharedmobility.rental.metrics.RentalOutcomeMetrics;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Keeps the read model in step with the process. The BPMN calls {@link #enter} from execution listeners at each
 * status milestone; it runs inside the engine's transaction on the same DataSource, so the read model never shows
 * a state that the engine rolled back.
 */
@Component("rentalStatusProjection")
public class RentalStatusProjection {

  private final RentalReadModel readModel;
  private final Clock clock;
  private final RentalOutcomeMetrics metrics;

  public RentalStatusProjection(RentalReadModel readModel, Clock clock, RentalOutcomeMetrics metrics) {
    this.readModel = readModel;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Writes status, payment status and key to the read model. The status is no process variable: where the rental
   * stands shows in Cockpit as the instance's position in the model, and a variable cost five writes per rental.
   */
  public void enter(DelegateExecution execution, String status) {
    RentalStatus rentalStatus = RentalStatus.valueOf(status);
    Instant now = clock.instant();
    Object paymentStatus = execution.getVariable(PAYMENT_STATUS);
    Number amount = (Number) execution.getVariable(AMOUNT);
    String rentalId = (String) execution.getVariable(RENTAL_ID);
    refuseSkippedSteps(rentalId, rentalStatus, paymentStatus, execution.getVariable(KEY));
    Object refunded = execution.getVariable(REFUNDED_AMOUNT);
    if (rentalStatus == RentalStatus.ACTIVE) {
      readModel.createdAt(rentalId).ifPresent(applied -> metrics.activated(Duration.between(applied, now)));
    }
    metrics.reached(rentalStatus);
    readModel.save(new RentalView(
        rentalId,
        (String) execution.getVariable(CUSTOMER),
        (String) execution.getVariable(MOBILITY_ID),
        ((Number) execution.getVariable(HOURS)).intValue(),
        amount == null ? null : PriceList.money(amount),
        (String) execution.getVariable(CURRENCY),
        rentalStatus,
        paymentStatus == null ? PaymentStatus.NONE : PaymentStatus.valueOf((String) paymentStatus),
        // the key is shown only while it opens the vehicle
        rentalStatus == RentalStatus.ACTIVE ? (String) execution.getVariable(KEY) : null,
        // the time-up timer starts now, with the rental's whole duration
        rentalStatus == RentalStatus.ACTIVE
            ? now.plus(Duration.parse((String) execution.getVariable(RENTAL_DURATION))) : null,
        refunded == null ? null : new BigDecimal((String) refunded),
        execution.getProcessInstanceId(),
        now,
        now));
  }

  /** The end of {@code rentalAbort}: the refund set the payment status, unless no money had been taken. */
  public void abortSettled(DelegateExecution execution) {
    Object paymentStatus = execution.getVariable(PAYMENT_STATUS);
    Object refunded = execution.getVariable(REFUNDED_AMOUNT);
    if (paymentStatus != null) {
      readModel.paymentSettled((String) execution.getVariable(RENTAL_ID),
          PaymentStatus.valueOf((String) paymentStatus), refunded == null ? null : new BigDecimal((String) refunded),
          clock.instant());
    }
  }

  /**
   * Only an instance modification (Cockpit, engine REST) reaches a status without the step before it: a rental must
   * not wait for a key it has not paid for, nor be active without a key. Failing here rolls the modification back.
   */
  private static void refuseSkippedSteps(String rentalId, RentalStatus status, Object paymentStatus, Object key) {
    if (status == RentalStatus.KEY_PENDING && !PaymentStatus.PAID.name().equals(paymentStatus)) {
      throw new IllegalStateException("rental " + rentalId + " is not paid (payment status " + paymentStatus
          + "): it cannot wait for a key; cancel it through the product instead of skipping the charge");
    }
    if (status == RentalStatus.ACTIVE && key == null) {
      throw new IllegalStateException("rental " + rentalId + " has no key: it cannot become ACTIVE; use the task"
          + " 'Issue key manually' instead of skipping the key");
    }
  }
}
