package com.sharedmobility.rental.payment;

import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.rental.config.RentalProperties.Reconciliation;
import com.sharedmobility.rental.payment.PaymentClient.UnconfirmedCharge;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refunds charges that no rental stands behind. The charge runs inside the start transaction; if that transaction
 * rolls back after the payment service took the money (a crash, a lost connection), no rental exists and no process
 * will ever refund it.
 * <p>
 * Every charge is unconfirmed at the payment service until a round sees its rental in the read model and confirms
 * it (one call per batch). So a round reads only the charges made since the last one, through the payment service's
 * index of unconfirmed charges, however many payments the ledger holds; a charge still unconfirmed past the grace
 * (longer than any start transaction) whose rental does not exist is an orphan. A rental that exists owns its money:
 * its process refunds it, key first, whatever its status; this pass never refunds it. Confirm and refund are
 * idempotent, so several engine nodes may run this at once.
 * <p>
 * An extension's charge is confirmed the same way, once the extension shows in the read model; one that does not
 * past the grace was made for an extension that rolled back, and is released.
 */
@Component
public class PaymentReconciliation {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentReconciliation.class);

  private final PaymentAdapter payments;
  private final RentalReadModel readModel;
  private final Reconciliation settings;
  private final Clock clock;
  private final Counter released;
  private final Counter confirmed;

  public PaymentReconciliation(PaymentAdapter payments, RentalReadModel readModel, RentalProperties properties,
                               Clock clock, MeterRegistry meters) {
    this.payments = payments;
    this.readModel = readModel;
    this.settings = properties.reconciliation();
    this.clock = clock;
    this.released = Counter.builder("rental.payments.reconciled")
        .description("charges refunded because no rental stood behind them")
        .register(meters);
    this.confirmed = Counter.builder("rental.payments.confirmed")
        .description("charges confirmed by reconciliation because their rental exists")
        .register(meters);
  }

  @Scheduled(fixedDelayString = "${rental.reconciliation.interval}",
      initialDelayString = "${rental.reconciliation.interval}")
  public void refundOrphanCharges() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      LOG.warn("payment reconciliation stopped this round: {}", e.toString());
    }
  }

  /**
   * Goes through every unconfirmed charge older than the grace, a batch at a time: each batch leaves the set
   * (confirmed or refunded), so the round ends. Returns the rental ids whose charge was refunded.
   */
  public List<String> reconcile() {
    Instant chargedBefore = clock.instant().minus(settings.grace());
    List<String> orphans = new ArrayList<>();
    Set<String> handled = new HashSet<>();
    List<UnconfirmedCharge> batch;
    do {
      batch = payments.unconfirmed(chargedBefore, settings.batchSize());
      List<String> keys = batch.stream().map(PaymentReconciliation::keyOf).toList();
      if (!Collections.disjoint(handled, keys)) {
        LOG.warn("payment reconciliation: charges handled this round are still unconfirmed; next round goes on");
        break;
      }
      handled.addAll(keys);
      orphans.addAll(settle(batch.stream().filter(c -> c.extensionId() == null).map(UnconfirmedCharge::rentalId)
          .toList()));
      orphans.addAll(settleExtensions(batch.stream().filter(c -> c.extensionId() != null).toList()));
    } while (batch.size() == settings.batchSize());
    return orphans;
  }

  private List<String> settle(List<String> rentalIds) {
    if (rentalIds.isEmpty()) {
      return List.of();
    }
    Set<String> existing = readModel.existing(rentalIds);
    if (!existing.isEmpty()) {
      confirmed.increment(payments.confirm(List.copyOf(existing), List.of()));
    }
    List<String> orphans = rentalIds.stream().filter(id -> !existing.contains(id)).toList();
    for (String rentalId : orphans) {
      payments.refund(rentalId);
      released.increment();
      LOG.warn("rental {}: refunded a charge no rental stands behind (its start rolled back)", rentalId);
    }
    return orphans;
  }

  /** Returns the ids of the extensions whose charge was released. */
  private List<String> settleExtensions(List<UnconfirmedCharge> charges) {
    if (charges.isEmpty()) {
      return List.of();
    }
    Set<String> applied = readModel.existingExtensions(charges.stream().map(UnconfirmedCharge::extensionId).toList());
    if (!applied.isEmpty()) {
      confirmed.increment(payments.confirm(List.of(), List.copyOf(applied)));
    }
    List<UnconfirmedCharge> orphans = charges.stream().filter(c -> !applied.contains(c.extensionId())).toList();
    for (UnconfirmedCharge orphan : orphans) {
      payments.releaseExtension(orphan.rentalId(), orphan.extensionId());
      released.increment();
      LOG.warn("rental {}: released the charge of extension {}, which never came to be (it rolled back)",
          orphan.rentalId(), orphan.extensionId());
    }
    return orphans.stream().map(UnconfirmedCharge::extensionId).toList();
  }

  private static String keyOf(UnconfirmedCharge charge) {
    return charge.extensionId() == null ? charge.rentalId() : charge.extensionId();
  }
}
