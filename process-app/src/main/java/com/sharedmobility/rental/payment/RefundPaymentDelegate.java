package com.sharedmobility.rental.payment;

import static com.sharedmobility.rental.process.RentalProcess.Variables.PAYMENT_STATUS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.REFUNDED_AMOUNT;
import static com.sharedmobility.rental.process.RentalProcess.Variables.RENTAL_ID;

import com.sharedmobility.rental.payment.PaymentClient.PaymentReceipt;
import com.sharedmobility.rental.readmodel.PaymentStatus;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Gives the rental's money back: compensation of a completed charge, and release of a charge whose outcome was
 * never confirmed, only once the key is dead ({@link KeyFirstGuard}). The payment service makes it idempotent by
 * rental id. Every failure propagates: the task is asynchronous, so the job executor retries it and an exhausted
 * retry becomes an incident.
 */
@Component("refundPaymentDelegate")
public class RefundPaymentDelegate implements JavaDelegate {

  private final PaymentAdapter payments;
  private final KeyFirstGuard keyFirst;

  public RefundPaymentDelegate(PaymentAdapter payments, KeyFirstGuard keyFirst) {
    this.payments = payments;
    this.keyFirst = keyFirst;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String rentalId = (String) execution.getVariable(RENTAL_ID);
    keyFirst.requireKeyDead(rentalId);
    BigDecimal amount = amount(execution);
    record(execution, amount == null ? payments.refund(rentalId) : payments.refund(rentalId, amount));
  }

  /** How much goes back: null for all that was charged. */
  protected BigDecimal amount(DelegateExecution execution) {
    return null;
  }

  /** Keeps what went back for the read model; a void or a declined charge leaves the payment status as it is. */
  private static void record(DelegateExecution execution, PaymentReceipt receipt) {
    if ("REFUNDED".equals(receipt.status()) || "PARTLY_REFUNDED".equals(receipt.status())) {
      execution.setVariable(PAYMENT_STATUS, PaymentStatus.valueOf(receipt.status()).name());
      execution.setVariable(REFUNDED_AMOUNT, receipt.refunded().toPlainString());
    }
  }
}
