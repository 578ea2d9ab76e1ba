package com.sharedmobility.payment.ledger;

import com.sharedmobility.payment.provider.CardProvider;
import com.sharedmobility.payment.provider.ChargeOutcome;
import com.sharedmobility.support.tx.ConflictRetry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
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
    return payments.findUnconfirmedCharges(chargedBefore, Limit.of(limit));
  }

  /** Marks the payments of these rentals as standing behind a rental; returns how many were confirmed now. */
  public int confirm(Collection<UUID> rentalIds) {
    return transaction.execute(status -> payments.confirm(rentalIds, now()));
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
