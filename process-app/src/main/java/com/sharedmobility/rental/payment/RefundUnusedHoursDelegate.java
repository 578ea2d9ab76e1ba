package com.sharedmobility.rental.payment;

import static com.sharedmobility.rental.process.RentalProcess.Variables.REFUND_DUE;
import static com.sharedmobility.rental.process.RentalProcess.Variables.RENTAL_ID;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Pays back the unused whole hours of a rental returned early ({@code refundDue}, set by the return), once its key
 * is dead. Asynchronous like every refund: failures are retried by the job executor and end as incidents.
 */
@Component("refundUnusedHoursDelegate")
public class RefundUnusedHoursDelegate implements JavaDelegate {

  private final PaymentAdapter payments;
  private final KeyFirstGuard keyFirst;

  public RefundUnusedHoursDelegate(PaymentAdapter payments, KeyFirstGuard keyFirst) {
    this.payments = payments;
    this.keyFirst = keyFirst;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String rentalId = (String) execution.getVariable(RENTAL_ID);
    keyFirst.requireKeyDead(rentalId);
    BigDecimal due = new BigDecimal((String) execution.getVariable(REFUND_DUE));
    RefundPaymentDelegate.record(execution, payments.refund(rentalId, due));
  }
}
