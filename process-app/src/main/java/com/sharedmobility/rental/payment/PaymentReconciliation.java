package com.sharedmobility.rental.payment;

import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.rental.config.RentalProperties.Reconciliation;
import com.sharedmobility.rental.payment.PaymentClient.PaymentReceipt;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refunds charges that no live rental stands behind. The charge runs inside the start transaction; if that
 * transaction rolls back after the payment service took the money (a crash, a lost connection), no rental exists
 * and no process will ever refund it. Refund is idempotent, so several engine nodes may run this at once.
 */
@Component
public class PaymentReconciliation {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentReconciliation.class);
  /** A charge for a rental in one of these states should have been refunded or released already. */
  private static final Set<RentalStatus> ENDED_WITHOUT_PAYMENT = EnumSet.of(RentalStatus.REJECTED,
      RentalStatus.CANCELLED, RentalStatus.ABORTED);

  private final PaymentAdapter payments;
  private final RentalReadModel readModel;
  private final Reconciliation settings;
  private final Clock clock;
  private final Counter refunded;

  public PaymentReconciliation(PaymentAdapter payments, RentalReadModel readModel, RentalProperties properties,
                               Clock clock, MeterRegistry meters) {
    this.payments = payments;
    this.readModel = readModel;
    this.settings = properties.reconciliation();
    this.clock = clock;
    this.refunded = Counter.builder("rental.payments.reconciled")
        .description("charges refunded because no live rental stood behind them")
        .register(meters);
  }

  @Scheduled(fixedDelayString = "${rental.reconciliation.interval}",
      initialDelayString = "${rental.reconciliation.interval}")
  public void refundOrphanCharges() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      LOG.warn("payment reconciliation skipped this round: {}", e.toString());
    }
  }

  /** Returns the rental ids whose charge was refunded. */
  public List<String> reconcile() {
    Instant settledBefore = clock.instant().minus(settings.grace());
    List<PaymentReceipt> charged = payments.charged(settings.batchSize()).stream()
        .filter(p -> p.createdAt() != null && p.createdAt().isBefore(settledBefore))
        .toList();
    Map<String, RentalStatus> rentals = readModel.statusesOf(charged.stream().map(PaymentReceipt::rentalId).toList());
    List<String> orphans = charged.stream()
        .map(PaymentReceipt::rentalId)
        .filter(id -> !rentals.containsKey(id) || ENDED_WITHOUT_PAYMENT.contains(rentals.get(id)))
        .toList();
    for (String rentalId : orphans) {
      payments.refund(rentalId);
      refunded.increment();
      LOG.warn("rental {}: refunded a charge without a live rental (rental status: {})", rentalId,
          rentals.containsKey(rentalId) ? rentals.get(rentalId) : "none, its start rolled back");
    }
    return orphans;
  }
}
