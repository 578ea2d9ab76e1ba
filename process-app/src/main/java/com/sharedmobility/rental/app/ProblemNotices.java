package com.sharedmobility.rental.app;

import com.sharedmobility.rental.catalogue.NoPriceException;
import com.sharedmobility.rental.payment.ChargesBusyException;
import com.sharedmobility.rental.payment.PaymentRefusedException;
import com.sharedmobility.rental.usecase.ApplicationAdmission;
import com.sharedmobility.rental.usecase.RentalProblem;
import com.sharedmobility.support.errors.Causes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What the customer is told when a use case refuses: the same outcomes the API answers as problem+json (see
 * ApiExceptionHandler), as a sentence of the text bundle. Anything unforeseen is logged and told as our fault.
 */
@Component
public class ProblemNotices {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemNotices.class);

  private final Counter poolBusy;
  private final Counter chargesBusy;

  public ProblemNotices(MeterRegistry registry) {
    this.poolBusy = ApplicationAdmission.refusals(registry, "db-pool");
    this.chargesBusy = ApplicationAdmission.refusals(registry, "charges-busy");
  }

  public Notice of(Exception failure) {
    Optional<RentalProblem> problem = Causes.find(failure, RentalProblem.class);
    if (problem.isPresent()) {
      return new Notice("problem." + problem.get().kind());
    }
    if (Causes.any(failure, NoPriceException.class::isInstance)) {
      return new Notice("problem.NO_PRICE");
    }
    Optional<PaymentRefusedException> refused = Causes.find(failure, PaymentRefusedException.class);
    if (refused.isPresent()) {
      LOG.warn("payment service refused a charge: {}", refused.get().getMessage());
      return new Notice(refused.get().status() == HttpStatus.BAD_REQUEST.value()
          ? "problem.PAYMENT_METHOD" : "problem.PAYMENT_SERVICE");
    }
    if (Causes.any(failure, ChargesBusyException.class::isInstance)) {
      chargesBusy.increment();
      return new Notice("problem.BUSY");
    }
    if (Causes.any(failure, SQLTransientConnectionException.class::isInstance)) {
      poolBusy.increment();
      return new Notice("problem.BUSY");
    }
    LOG.error("unexpected error in the customer app", failure);
    return new Notice("problem.UNEXPECTED");
  }
}
