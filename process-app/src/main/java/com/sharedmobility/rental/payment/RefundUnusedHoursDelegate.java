package com.sharedmobility.rental.payment;

import static com.sharedmobility.rental.process.RentalProcess.Variables.REFUND_DUE;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Pays back the unused whole hours of a rental returned early ({@code refundDue}, set by the return), once its key
 * is dead: a refund like every other, of part of the charge.
 */
@Component("refundUnusedHoursDelegate")
public class RefundUnusedHoursDelegate extends RefundPaymentDelegate {

  public RefundUnusedHoursDelegate(PaymentAdapter payments, KeyFirstGuard keyFirst) {
    super(payments, keyFirst);
  }

  @Override
  protected BigDecimal amount(DelegateExecution execution) {
    return new BigDecimal((String) execution.getVariable(REFUND_DUE));
  }
}
