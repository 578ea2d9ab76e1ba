package com.sharedmobility.payment.ledger;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import com.sharedmobility.payment.provider.ChargeOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;
import org.springframework.data.domain.Persistable;

/** The payment of one rental; the rental id is its key, so a rental can be charged at most once. */
@Entity
@Table(name = "payment")
public class Payment implements Persistable<UUID> {

  @Id
  @Column(name = "rental_id")
  private UUID rentalId;

  private String customer;

  @Column(nullable = false, precision = 12, scale = 2)
  private BigDecimal amount;

  private String currency;

  private String paymentMethod;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private PaymentStatus status;

  @Column(nullable = false)
  private Instant createdAt;

  @Column(nullable = false)
  private Instant updatedAt;

  /** When the rental behind this payment was seen to exist; null while that is still unknown. */
  private Instant confirmedAt;

  // Eager because payments leave the transaction for the API; batched so a listed page costs few queries.
  @OneToMany(mappedBy = "payment", cascade = CascadeType.PERSIST, fetch = FetchType.EAGER)
  @OrderBy("bookedAt, id")
  @BatchSize(size = 100)
  private List<LedgerEntry> entries = new ArrayList<>();

  // Makes save() insert rather than merge: a merge could overwrite the row a concurrent request just committed.
  @Transient
  private boolean unsaved;

  protected Payment() {
  }

  private Payment(UUID rentalId, String customer, BigDecimal amount, String currency, String paymentMethod,
      PaymentStatus status, Instant now) {
    this.rentalId = rentalId;
    this.customer = customer;
    this.amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    this.currency = currency;
    this.paymentMethod = paymentMethod;
    this.status = status;
    this.createdAt = now;
    this.updatedAt = now;
    this.unsaved = true;
  }

  /** A payment whose charge is about to be asked of the provider. */
  static Payment pending(UUID rentalId, Charge charge, Instant now) {
    return new Payment(rentalId, charge.customer(), charge.amount(), charge.currency(), charge.paymentMethod(),
        PaymentStatus.PENDING, now);
  }

  /** The payment of a rental given up before it was charged. */
  static Payment voided(UUID rentalId, Instant now) {
    return new Payment(rentalId, null, BigDecimal.ZERO, null, null, PaymentStatus.VOIDED, now);
  }

  void settle(ChargeOutcome outcome, Instant now) {
    if (outcome == ChargeOutcome.CHARGED) {
      entries.add(new LedgerEntry(this, EntryType.CHARGE, amount, now));
      moveTo(PaymentStatus.CHARGED, now);
    } else {
      moveTo(PaymentStatus.DECLINED, now);
    }
  }

  /** Pays back part of the charge, or all of it: a payment is refunded once. */
  void refund(BigDecimal refund, Instant now) {
    entries.add(new LedgerEntry(this, EntryType.REFUND, refund, now));
    moveTo(refund.compareTo(amount) < 0 ? PaymentStatus.PARTLY_REFUNDED : PaymentStatus.REFUNDED, now);
  }

  /** What went back to the customer: the payment's refund, zero before it (a released extension is not one). */
  public BigDecimal getRefundedAmount() {
    return entries.stream().filter(entry -> entry.getType() == EntryType.REFUND && entry.getOperation().isEmpty())
        .map(LedgerEntry::getAmount).findFirst().orElse(BigDecimal.ZERO).setScale(2, RoundingMode.UNNECESSARY);
  }

  /** The extension charge of this id, if it was made. */
  Optional<LedgerEntry> extension(String extensionId) {
    return entry(EntryType.EXTENSION, extensionId);
  }

  /** Adds the extra hours' charge: the payment's amount is what was charged in all. */
  void extend(String extensionId, BigDecimal extra, Instant now) {
    entries.add(new LedgerEntry(this, EntryType.EXTENSION, extra, now, extensionId));
    amount = amount.add(extra);
    updatedAt = now;
  }

  /** Pays an extension charge back, once: its extension never came to be. Returns whether it was paid back now. */
  boolean releaseExtension(String extensionId, Instant now) {
    Optional<LedgerEntry> charged = extension(extensionId);
    if (charged.isEmpty() || entry(EntryType.REFUND, extensionId).isPresent()) {
      return false;
    }
    charged.get().confirm(now);
    entries.add(new LedgerEntry(this, EntryType.REFUND, charged.get().getAmount(), now, extensionId));
    amount = amount.subtract(charged.get().getAmount());
    updatedAt = now;
    return true;
  }

  private Optional<LedgerEntry> entry(EntryType type, String operation) {
    return entries.stream().filter(e -> e.getType() == type && e.getOperation().equals(operation)).findFirst();
  }

  /** True when the charge asks for the same money as this payment, so a repeat of it is the same charge. */
  boolean isSameMoneyAs(Charge charge) {
    BigDecimal charged = entry(EntryType.CHARGE, "").map(LedgerEntry::getAmount).orElse(amount);
    return charged.compareTo(charge.amount()) == 0 && currency.equals(charge.currency());
  }

  private void moveTo(PaymentStatus next, Instant now) {
    status = next;
    updatedAt = now;
  }

  @PostLoad
  @PostPersist
  void markSaved() {
    unsaved = false;
  }

  @Override
  public UUID getId() {
    return rentalId;
  }

  @Override
  public boolean isNew() {
    return unsaved;
  }

  public UUID getRentalId() {
    return rentalId;
  }

  public String getCustomer() {
    return customer;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public String getCurrency() {
    return currency;
  }

  public String getPaymentMethod() {
    return paymentMethod;
  }

  public PaymentStatus getStatus() {
    return status;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getConfirmedAt() {
    return confirmedAt;
  }

  public List<LedgerEntry> getEntries() {
    return Collections.unmodifiableList(entries);
  }
}
