package com.sharedmobility.payment.ledger;

import com.sharedmobility.payment.provider.CardProvider;
import com.sharedmobility.payment.provider.ChargeOutcome;
import com.sharedmobility.support.tx.ConflictRetry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Charges and refunds, at most once per rental. Each request runs in one transaction that first takes the
 * payment row: it locks the existing row, or inserts one, so requests for the same rental take turns and
 * only the first one ever calls the card provider.
 */
@Service
public class PaymentLedger {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentLedger.class);
  private static final int ATTEMPTS = 3;

  private final PaymentRepository payments;
  private final CardProvider cardProvider;
  /**
   * Each request in its own transaction, again when a concurrent request inserted the same payment row first (its
   * insert has committed by then, so the next attempt finds and locks that row).
   */
  private final ConflictRetry rowTransaction;
  private final TransactionTemplate transaction;

  public PaymentLedger(PaymentRepository payments, CardProvider cardProvider, TransactionTemplate transaction) {
    this.payments = payments;
    this.cardProvider = cardProvider;
    this.transaction = transaction;
    this.rowTransaction = new ConflictRetry(transaction, ATTEMPTS,
        e -> e instanceof DataIntegrityViolationException || e instanceof ConcurrencyFailureException);
  }

  /**
   * Charges the rental once; a repeat answers with the stored payment, CHARGED or DECLINED.
   *
   * @throws PaymentConflictException when the payment is refunded or voided, or a repeat asks for other money
   */
  public Payment charge(UUID rentalId, Charge charge) {
    return rowTransaction.execute("charging rental " + rentalId, () -> payments.findForUpdate(rentalId)
        .map(stored -> repeatedCharge(stored, charge))
        .orElseGet(() -> firstCharge(rentalId, charge)));
  }

  /**
   * Refunds a charged rental once, all of it or {@code amount} of it (the unused hours of a rental returned early);
   * voids a rental that was never charged so that no later charge takes money. A repeat answers with the stored
   * payment.
   *
   * @param amount what to pay back; null for the whole charge
   * @throws PaymentConflictException when the amount exceeds the charge, or a repeat asks for another amount
   */
  public Payment refund(UUID rentalId, BigDecimal amount) {
    return rowTransaction.execute("refunding rental " + rentalId, () -> payments.findForUpdate(rentalId)
        .map(payment -> refundIfCharged(payment, amount))
        .orElseGet(() -> {
          LOG.info("Rental {} voided before any charge", rentalId);
          return payments.saveAndFlush(Payment.voided(rentalId, now()));
        }));
  }

  /**
   * Charges the extra hours of an extended rental, once per extension id, with the payment method of its first
   * charge; the payment's amount grows by it. A repeat answers as the first did.
   *
   * @throws PaymentNotFoundException when the rental was never charged
   * @throws PaymentConflictException when the payment is no longer CHARGED, or a repeat asks for other money
   */
  public Extension extend(UUID rentalId, UUID extensionId, BigDecimal extra, String currency) {
    String id = extensionId.toString();
    return rowTransaction.execute("extending rental " + rentalId, () -> {
      Payment payment = payments.findForUpdate(rentalId).orElseThrow(() -> new PaymentNotFoundException(rentalId));
      Optional<LedgerEntry> before = payment.extension(id);
      if (before.isPresent()) {
        if (before.get().getAmount().compareTo(extra) != 0 || !payment.getCurrency().equals(currency)) {
          throw new PaymentConflictException("Extension %s of rental %s was charged %s %s; a repeat must ask for the"
              + " same money".formatted(id, rentalId, before.get().getAmount(), payment.getCurrency()));
        }
        return new Extension(payment, ChargeOutcome.CHARGED);
      }
      if (payment.getStatus() != PaymentStatus.CHARGED || !payment.getCurrency().equals(currency)) {
        throw new PaymentConflictException("The payment of rental %s is %s %s, %s; it cannot be extended by %s %s"
            .formatted(rentalId, payment.getAmount(), payment.getCurrency(), payment.getStatus(), extra, currency));
      }
      ChargeOutcome outcome = cardProvider.charge(extensionId, payment.getPaymentMethod(), extra, currency);
      if (outcome == ChargeOutcome.CHARGED) {
        payment.extend(id, extra.setScale(2, RoundingMode.UNNECESSARY), now());
      }
      LOG.info("Rental {} extension {} of {} {}: {}", rentalId, id, extra, currency, outcome);
      return new Extension(payment, outcome);
    });
  }

  /**
   * Pays an extension charge back whose extension never came to be (the rental's transaction rolled back after the
   * charge); nothing when it was not charged, or released before.
   */
  public Payment releaseExtension(UUID rentalId, UUID extensionId) {
    return rowTransaction.execute("releasing extension " + extensionId + " of rental " + rentalId, () -> {
      Payment payment = payments.findForUpdate(rentalId).orElseThrow(() -> new PaymentNotFoundException(rentalId));
      Optional<LedgerEntry> charged = payment.extension(extensionId.toString());
      if (charged.isPresent() && payment.releaseExtension(extensionId.toString(), now())) {
        cardProvider.refund(extensionId, payment.getPaymentMethod(), charged.get().getAmount(), payment.getCurrency());
        LOG.info("Rental {} extension {} released: {} {}", rentalId, extensionId, charged.get().getAmount(),
            payment.getCurrency());
      }
      return payment;
    });
  }

  public Payment find(UUID rentalId) {
    return payments.findById(rentalId).orElseThrow(() -> new PaymentNotFoundException(rentalId));
  }

  /** The newest payments first, all or those in one status. */
  public List<Payment> list(PaymentStatus status, int limit) {
    return status == null
        ? payments.findByOrderByCreatedAtDesc(Limit.of(limit))
        : payments.findByStatusOrderByCreatedAtDesc(status, Limit.of(limit));
  }

  /**
   * The oldest charges made before {@code chargedBefore} that no rental confirmed yet: past a grace longer than any
   * start transaction, exactly the charges whose rental never came to exist.
   */
  public List<UnconfirmedCharge> unconfirmedCharges(Instant chargedBefore, int limit) {
    // two index range scans, each at most limit rows: the oldest of both kinds
    return Stream.concat(payments.findUnconfirmedCharges(chargedBefore, Limit.of(limit)).stream(),
            payments.findUnconfirmedExtensions(chargedBefore, Limit.of(limit)).stream())
        .sorted(Comparator.comparing(UnconfirmedCharge::chargedAt))
        .limit(limit)
        .toList();
  }

  /**
   * Marks the payments of these rentals, and the charges of these extensions, as standing behind what they paid
   * for; returns how many were confirmed now.
   */
  public int confirm(Collection<UUID> rentalIds, Collection<UUID> extensionIds) {
    Instant now = now();
    return transaction.execute(status -> (rentalIds.isEmpty() ? 0 : payments.confirm(rentalIds, now))
        + (extensionIds.isEmpty() ? 0 : payments.confirmExtensions(
            extensionIds.stream().map(UUID::toString).toList(), now)));
  }

  private Payment firstCharge(UUID rentalId, Charge charge) {
    // Flushed before the provider call: a concurrent first charge blocks here and then fails, never reaching the provider.
    Payment payment = payments.saveAndFlush(Payment.pending(rentalId, charge, now()));
    ChargeOutcome outcome = cardProvider.charge(rentalId, charge.paymentMethod(), charge.amount(), charge.currency());
    payment.settle(outcome, now());
    LOG.info("Rental {} charge of {} {}: {}", rentalId, payment.getAmount(), payment.getCurrency(), outcome);
    return payment;
  }

  private static Payment repeatedCharge(Payment stored, Charge charge) {
    if (stored.getStatus().isClosed()) {
      throw new PaymentConflictException("The payment of rental %s is already %s; it can no longer be charged"
          .formatted(stored.getRentalId(), stored.getStatus()));
    }
    if (!stored.isSameMoneyAs(charge)) {
      throw new PaymentConflictException("The payment of rental %s is for %s %s; a repeated charge must ask for the same amount and currency"
          .formatted(stored.getRentalId(), stored.getAmount(), stored.getCurrency()));
    }
    return stored;
  }

  private Payment refundIfCharged(Payment payment, BigDecimal amount) {
    BigDecimal refund = amount == null ? payment.getAmount() : amount;
    if (payment.getStatus() == PaymentStatus.CHARGED) {
      if (refund.compareTo(payment.getAmount()) > 0) {
        throw new PaymentConflictException("Rental %s was charged %s %s; a refund of %s is more than that"
            .formatted(payment.getRentalId(), payment.getAmount(), payment.getCurrency(), refund));
      }
      cardProvider.refund(payment.getRentalId(), payment.getPaymentMethod(), refund, payment.getCurrency());
      payment.refund(refund, now());
      LOG.info("Rental {} refunded {} of {} {}", payment.getRentalId(), refund, payment.getAmount(),
          payment.getCurrency());
    } else if (amount != null && isRefunded(payment) && payment.getRefundedAmount().compareTo(amount) != 0) {
      throw new PaymentConflictException("Rental %s was refunded %s %s already; a repeat must ask for the same amount"
          .formatted(payment.getRentalId(), payment.getRefundedAmount(), payment.getCurrency()));
    }
    return payment;
  }

  private static boolean isRefunded(Payment payment) {
    return payment.getStatus() == PaymentStatus.REFUNDED || payment.getStatus() == PaymentStatus.PARTLY_REFUNDED;
  }

  // Microseconds: what the database keeps, so an answer and a later read of the same payment agree.
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
