package com.sharedmobility.rental.usecase;

import com.sharedmobility.rental.catalogue.NoPriceException;
import com.sharedmobility.rental.payment.ChargesBusyException;
import com.sharedmobility.rental.payment.PaymentRefusedException;
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
 * What a failed application or cancel means, for the API and the customer app alike: a refusal the customer can act
 * on, overload (counted with the admission's refusals), or a fault of ours. {@link RentalProblem}s say so themselves.
 */
@Component
public class Refusals {

  private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);


  /** What went wrong, as far as the customer is concerned. */
  public enum Kind {
    /** The pricing decision has no price for these hours. */
    NO_PRICE,
    /** The payment service refused the payment method. */
    PAYMENT_METHOD,
    /** The payment service refused the request for another reason; nothing was charged. */
    PAYMENT_SERVICE,
    /** Every slot for a charge was taken: overload, not a payment outage. */
    CHARGES_BUSY,
    /** No database connection came in time: overload. */
    POOL_BUSY,
    /** The database could not be reached (restarting, away): nothing was done, try again soon. */
    DATABASE_UNREACHABLE,
    /** Nothing foreseen: a fault of ours, to log and tell as such. */
    UNFORESEEN
  }

  /** A failure's kind and the exception in its causes that decided it. */
  public record Refusal(Kind kind, Throwable cause) {
  }

  private final Counter poolBusy;
  private final Counter chargesBusy;

  public Refusals(MeterRegistry registry) {
    this.poolBusy = ApplicationAdmission.refusals(registry, "db-pool");
    this.chargesBusy = ApplicationAdmission.refusals(registry, "charges-busy");
  }

  public Refusal of(Throwable failure) {
    Optional<NoPriceException> noPrice = Causes.find(failure, NoPriceException.class);
    if (noPrice.isPresent()) {
      return new Refusal(Kind.NO_PRICE, noPrice.get());
    }
    Optional<PaymentRefusedException> refused = Causes.find(failure, PaymentRefusedException.class);
    if (refused.isPresent()) {
      LOG.warn("payment service refused a charge: {}", refused.get().getMessage());
      return new Refusal(refused.get().status() == HttpStatus.BAD_REQUEST.value()
          ? Kind.PAYMENT_METHOD : Kind.PAYMENT_SERVICE, refused.get());
    }
    Optional<ChargesBusyException> chargesFull = Causes.find(failure, ChargesBusyException.class);
    if (chargesFull.isPresent()) {
      chargesBusy.increment();
      return new Refusal(Kind.CHARGES_BUSY, chargesFull.get());
    }
    if (Causes.databaseUnreachable(failure)) {
      LOG.warn("database unreachable, refused: {}", failure.toString());
      return new Refusal(Kind.DATABASE_UNREACHABLE, failure);
    }
    Optional<SQLTransientConnectionException> noConnection = Causes.find(failure,
        SQLTransientConnectionException.class);
    if (noConnection.isPresent()) {
      // every connection of the pool stayed busy for Hikari's connection timeout
      LOG.warn("no database connection in time, refused as busy: {}", noConnection.get().toString());
      poolBusy.increment();
      return new Refusal(Kind.POOL_BUSY, noConnection.get());
    }
    return new Refusal(Kind.UNFORESEEN, failure);
  }
}
