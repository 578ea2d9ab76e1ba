package com.sharedmobility.rental.usecase;

import static com.sharedmobility.rental.process.RentalProcess.Variables.EXTENSION_ID;
import static com.sharedmobility.rental.process.RentalProcess.Variables.EXTRA_AMOUNT;
import static com.sharedmobility.rental.process.RentalProcess.Variables.EXTRA_HOURS;

import com.sharedmobility.rental.catalogue.MobilityCatalogue;
import com.sharedmobility.rental.catalogue.MobilityType;
import com.sharedmobility.rental.catalogue.NoPriceException;
import com.sharedmobility.rental.catalogue.PriceList;
import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.rental.payment.ChargesBusyException;
import com.sharedmobility.rental.payment.PaymentAdapter;
import com.sharedmobility.rental.payment.PaymentDeclinedException;
import com.sharedmobility.rental.payment.PaymentUnavailableException;
import com.sharedmobility.rental.process.RentalProcess.Messages;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.support.tx.ConflictRetry;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer adds hours to an ACTIVE rental. The extra money (the price list's amount for the new total minus what
 * was paid) is charged first, synchronously and behind the payment breaker, under the rental's row lock, so two
 * extensions and an extension and a cancel or the time-up take turns; then the process moves the time-up and the
 * key's validity. A declined or impossible charge changes nothing. Should the rental's transaction fail after the
 * charge, the charge is released at once, or by the payment reconciliation when that is impossible too.
 */
@Service
public class ExtendRental {

  private static final Logger LOG = LoggerFactory.getLogger(ExtendRental.class);
  private static final int ATTEMPTS = 5;
  /** A week: far past any price list's day, and a bound on the questions one page asks the pricing decision. */
  private static final int MOST_EXTRA_HOURS = 168;

  private final RentalReadModel readModel;
  private final RuntimeService runtime;
  private final ConflictRetry transaction;
  private final MobilityCatalogue catalogue;
  private final PriceList prices;
  private final PaymentAdapter payments;
  private final long paymentRetryAfterSeconds;
  private final Duration hour;

  public ExtendRental(RentalReadModel readModel, RuntimeService runtime, TransactionTemplate transaction,
                      MobilityCatalogue catalogue, PriceList prices, PaymentAdapter payments,
                      CircuitBreakerRegistry breakers, RentalProperties properties) {
    this.readModel = readModel;
    this.runtime = runtime;
    this.transaction = new ConflictRetry(transaction, ATTEMPTS, e -> e instanceof OptimisticLockingException);
    this.catalogue = catalogue;
    this.prices = prices;
    this.payments = payments;
    this.hour = properties.hour();
    // an open breaker lets calls through again after this long: the earliest a retry can be charged
    this.paymentRetryAfterSeconds = Math.max(1, Duration.ofMillis(breakers.circuitBreaker(PaymentAdapter.BREAKER)
        .getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)).toSeconds());
  }

  public RentalView extend(String customer, String rentalId, int extraHours) {
    return extend(customer, rentalId, extraHours, null);
  }

  /**
   * Extends only a rental that still has {@code fromHours} (null: whatever it has): a form sent twice extends once,
   * the repeat answers with the rental as the first one left it.
   */
  public RentalView extend(String customer, String rentalId, int extraHours, Integer fromHours) {
    String extensionId = UUID.randomUUID().toString();
    AtomicBoolean charged = new AtomicBoolean();
    try {
      // a retry after a conflict charges the same extension id again: the payment service answers as before
      return transaction.execute("extending rental " + rentalId,
          () -> extendOnce(customer, rentalId, extraHours, fromHours, extensionId, charged));
    } catch (RuntimeException failed) {
      if (charged.get()) {
        release(rentalId, extensionId);
      }
      throw failed;
    }
  }

  private RentalView extendOnce(String customer, String rentalId, int extraHours, Integer fromHours,
                                String extensionId, AtomicBoolean charged) {
    RentalView rental = readModel.lockOwned(rentalId, customer)
        .orElseThrow(() -> RentalProblem.rentalNotFound(rentalId));
    if (rental.status() != RentalStatus.ACTIVE) {
      throw RentalProblem.notExtendable(rental);
    }
    if (fromHours != null && rental.hours() != fromHours) {
      return rental;
    }
    if (runtime.createEventSubscriptionQuery().processInstanceId(rental.processInstanceId())
        .eventName(Messages.EXTEND_RENTAL).count() == 0) {
      // a rental of an earlier model version, or one an operator moved: nothing to charge for
      throw RentalProblem.extensionNotOffered(rental);
    }
    BigDecimal extra = quote(rental, extraHours).extra();
    if (extra.signum() > 0) {
      charge(rental, extensionId, extra);
      charged.set(true);
    }
    try {
      runtime.createMessageCorrelation(Messages.EXTEND_RENTAL)
          .processInstanceBusinessKey(rentalId)
          .setVariablesToTriggeredScope(Map.of(EXTENSION_ID, extensionId, EXTRA_HOURS, extraHours,
              EXTRA_AMOUNT, extra.toPlainString()))
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw RentalProblem.extensionNotOffered(rental);
    }
    return readModel.findOwned(rentalId, customer).orElseThrow();
  }

  /** The extra hours the price list has a price for, from one up, each with its price and the new end. */
  public Map<Integer, Quote> offers(RentalView rental) {
    // one look-up of the vehicle's type for the whole list, not one per hour offered
    MobilityType type = catalogue.typeOf(rental.mobilityId());
    Map<Integer, Quote> offers = new LinkedHashMap<>();
    for (int extra = 1; extra <= MOST_EXTRA_HOURS; extra++) {
      Optional<Quote> quote = quote(rental, type, extra);
      if (quote.isEmpty()) {
        break;
      }
      offers.put(extra, quote.get());
    }
    return offers;
  }

  /** What these extra hours cost and when the rental would then end. */
  public record Quote(BigDecimal extra, Instant endsAt) {
  }

  /**
   * The price list's amount for the new total minus what was paid (never below zero: a longer rental may cost less
   * per hour, and what was paid is not given back here), and the new end.
   *
   * @throws NoPriceException past the price list's hours
   */
  public Quote quote(RentalView rental, int extraHours) {
    MobilityType type = catalogue.typeOf(rental.mobilityId());
    return quote(rental, type, extraHours)
        .orElseThrow(() -> new NoPriceException(type, rental.hours() + extraHours));
  }

  /** Empty past the price list's hours. */
  private Optional<Quote> quote(RentalView rental, MobilityType type, int extraHours) {
    return prices.priceFor(type, rental.hours() + extraHours).map(total -> new Quote(
        total.subtract(rental.amount()).max(BigDecimal.ZERO).setScale(2, RoundingMode.UNNECESSARY),
        rental.endsAt() == null ? null : rental.endsAt().plus(hour.multipliedBy(extraHours))));
  }

  private void charge(RentalView rental, String extensionId, BigDecimal extra) {
    try {
      payments.extend(rental.id(), extensionId, extra, rental.currency());
    } catch (PaymentDeclinedException e) {
      throw RentalProblem.extensionDeclined(rental);
    } catch (PaymentUnavailableException | CallNotPermittedException e) {
      throw RentalProblem.paymentUnavailable(paymentRetryAfterSeconds);
    } catch (BulkheadFullException e) {
      throw new ChargesBusyException(e);
    }
  }

  private void release(String rentalId, String extensionId) {
    try {
      payments.releaseExtension(rentalId, extensionId);
      LOG.info("rental {}: released the charge of extension {}, which did not come to be", rentalId, extensionId);
    } catch (RuntimeException e) {
      LOG.warn("rental {}: the charge of extension {} could not be released now ({}); the payment reconciliation"
          + " releases it", rentalId, extensionId, e.toString());
    }
  }
}
