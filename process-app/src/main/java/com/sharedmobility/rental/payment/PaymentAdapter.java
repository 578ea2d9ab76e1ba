package com.sharedmobility.rental.payment;

import com.sharedmobility.rental.payment.PaymentClient.ChargeRequest;
import com.sharedmobility.rental.payment.PaymentClient.ConfirmationRequest;
import com.sharedmobility.rental.payment.PaymentClient.ExtensionRequest;
import com.sharedmobility.rental.payment.PaymentClient.PaymentReceipt;
import com.sharedmobility.rental.payment.PaymentClient.RefundRequest;
import com.sharedmobility.rental.payment.PaymentClient.UnconfirmedCharge;
import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The payment service behind the {@code payment} circuit breaker. Failures are translated into three kinds so
 * that the breaker counts only unavailability and callers can tell a decline from an outage.
 * While the breaker is open, calls fail at once with {@code CallNotPermittedException}; a charge beyond the
 * {@link #CHARGES} bulkhead's limit with {@code BulkheadFullException}.
 */
@Component
public class PaymentAdapter {

  /** The circuit breaker's name, under which application.yml configures it. */
  public static final String BREAKER = "payment";
  /**
   * The bulkhead of charges: a charge runs in the application's transaction and holds a database connection while
   * it waits, so only a few may wait on the payment service at once; the others fail at once with
   * {@code BulkheadFullException} instead of queueing behind a hung service.
   */
  public static final String CHARGES = "payment-charges";

  private static final int PAYMENT_REQUIRED = 402;

  private final PaymentClient client;

  public PaymentAdapter(PaymentClient client) {
    this.client = client;
  }

  @CircuitBreaker(name = BREAKER)
  @Bulkhead(name = CHARGES)
  public PaymentReceipt charge(String rentalId, ChargeRequest request) {
    return translated(() -> client.charge(rentalId, request));
  }

  /**
   * Pays back the whole charge. Idempotent, and safe when nothing was charged: then the payment is voided so a late
   * charge is refused.
   */
  @CircuitBreaker(name = BREAKER)
  public PaymentReceipt refund(String rentalId) {
    return translated(() -> client.refund(rentalId, new RefundRequest(null)));
  }

  /** Pays back {@code amount} of the charge (a return's unused hours), once; a repeat answers as the first did. */
  @CircuitBreaker(name = BREAKER)
  public PaymentReceipt refund(String rentalId, BigDecimal amount) {
    return translated(() -> client.refund(rentalId, new RefundRequest(amount)));
  }

  @CircuitBreaker(name = BREAKER)
  public List<UnconfirmedCharge> unconfirmed(Instant chargedBefore, int limit) {
    return translated(() -> client.unconfirmed(chargedBefore, limit));
  }

  @CircuitBreaker(name = BREAKER)
  public int confirm(List<String> rentalIds, List<String> extensionIds) {
    return translated(() -> client.confirm(new ConfirmationRequest(rentalIds, extensionIds))).confirmed();
  }

  /** The extra hours of an extension, charged while the customer waits: the same breaker and slots as a charge. */
  @CircuitBreaker(name = BREAKER)
  @Bulkhead(name = CHARGES)
  public PaymentReceipt extend(String rentalId, String extensionId, BigDecimal amount, String currency) {
    return translated(() -> client.extend(rentalId, extensionId, new ExtensionRequest(amount, currency)));
  }

  /** Idempotent, and harmless when the extension was never charged. */
  @CircuitBreaker(name = BREAKER)
  public PaymentReceipt releaseExtension(String rentalId, String extensionId) {
    return translated(() -> client.releaseExtension(rentalId, extensionId));
  }

  private static <T> T translated(Supplier<T> call) {
    try {
      return call.get();
    } catch (RetryableException e) {
      throw new PaymentUnavailableException("payment service unreachable: " + e.getMessage(), e);
    } catch (DecodeException e) {
      // the call went through but its outcome is unknown: retry it (idempotent), and release it if retries run out
      throw new PaymentUnavailableException("payment service answer could not be read: " + e.getMessage(), e);
    } catch (FeignException e) {
      if (e.status() == PAYMENT_REQUIRED) {
        throw new PaymentDeclinedException("charge declined by the card provider");
      }
      if (e.status() >= 500) {
        throw new PaymentUnavailableException("payment service failed with HTTP " + e.status(), e);
      }
      throw new PaymentRefusedException(e.status(), "payment service refused the request with HTTP " + e.status()
          + ": " + e.contentUTF8(), e);
    }
  }
}
