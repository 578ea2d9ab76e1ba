package com.sharedmobility.rental.payment;

import static com.sharedmobility.rental.process.RentalProcess.Variables.AMOUNT;
import static com.sharedmobility.rental.process.RentalProcess.Variables.CURRENCY;
import static com.sharedmobility.rental.process.RentalProcess.Variables.CUSTOMER;
import static com.sharedmobility.rental.process.RentalProcess.Variables.HOURS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.MOBILITY_TYPE;
import static com.sharedmobility.rental.process.RentalProcess.Variables.PAYMENT_ATTEMPTS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.PAYMENT_FAILURE;
import static com.sharedmobility.rental.process.RentalProcess.Variables.PAYMENT_METHOD;
import static com.sharedmobility.rental.process.RentalProcess.Variables.PAYMENT_STATUS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.RENTAL_ID;

import com.sharedmobility.rental.catalogue.NoPriceException;
import com.sharedmobility.rental.catalogue.PriceList;
import com.sharedmobility.rental.payment.PaymentClient.ChargeRequest;
import com.sharedmobility.rental.process.RentalProcess.Errors;
import com.sharedmobility.rental.readmodel.PaymentStatus;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Charges the rental's amount. A decline and an unavailable payment service (an open breaker, and a full bulkhead on
 * a retry) are BPMN errors the process models; a full bulkhead on the application's own charge refuses the
 * application (ChargesBusyException); anything else propagates, so it rolls back the start or retries the job.
 */
@Component("chargePaymentDelegate")
public class ChargePaymentDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ChargePaymentDelegate.class);

  private final PaymentAdapter payments;

  public ChargePaymentDelegate(PaymentAdapter payments) {
    this.payments = payments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String rentalId = (String) execution.getVariable(RENTAL_ID);
    Integer previousAttempts = (Integer) execution.getVariable(PAYMENT_ATTEMPTS);
    int attempt = previousAttempts == null ? 1 : previousAttempts + 1;
    execution.setVariable(PAYMENT_ATTEMPTS, attempt);
    Number amount = (Number) execution.getVariable(AMOUNT);
    if (amount == null) {
      // no rule of the pricing decision matched; only the application's own transaction gets here
      throw new NoPriceException(execution.getVariable(MOBILITY_TYPE), execution.getVariable(HOURS));
    }
    ChargeRequest request = new ChargeRequest(
        PriceList.money(amount),
        (String) execution.getVariable(CURRENCY),
        (String) execution.getVariable(PAYMENT_METHOD),
        (String) execution.getVariable(CUSTOMER));
    try {
      payments.charge(rentalId, request);
      execution.setVariable(PAYMENT_STATUS, PaymentStatus.PAID.name());
    } catch (PaymentDeclinedException e) {
      execution.setVariable(PAYMENT_STATUS, PaymentStatus.DECLINED.name());
      throw new BpmnError(Errors.PAYMENT_DECLINED, e.getMessage());
    } catch (BulkheadFullException e) {
      if (attempt == 1) {
        // the application's own charge, inside POST /rentals: load, so refuse the application and start nothing
        throw new ChargesBusyException(e);
      }
      throw unavailable(execution, rentalId, attempt, e);
    } catch (PaymentUnavailableException | CallNotPermittedException e) {
      throw unavailable(execution, rentalId, attempt, e);
    }
  }

  private static BpmnError unavailable(DelegateExecution execution, String rentalId, int attempt, Exception e) {
    LOG.warn("rental {}: charge attempt {} failed, payment unavailable: {}", rentalId, attempt, e.getMessage());
    execution.setVariable(PAYMENT_FAILURE, "attempt " + attempt + ": " + e.getMessage());
    return new BpmnError(Errors.PAYMENT_UNAVAILABLE, e.getMessage());
  }
}
