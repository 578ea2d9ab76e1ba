package com.sharedmobility.payment.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One money movement of a payment; entries are only ever added, never changed. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "rental_id")
  private Payment payment;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private EntryType type;

  @Column(nullable = false, precision = 12, scale = 2)
  private BigDecimal amount;

  @Column(name = "booked_at", nullable = false)
  private Instant bookedAt;

  /** The extension an EXTENSION entry charges, or a REFUND entry releases; empty for the payment's own. */
  @Column(nullable = false)
  private String operation;

  /** When the extension an EXTENSION entry charged was seen to exist in the rental; null while unknown. */
  private Instant confirmedAt;

  protected LedgerEntry() {
  }

  LedgerEntry(Payment payment, EntryType type, BigDecimal amount, Instant bookedAt) {
    this(payment, type, amount, bookedAt, "");
  }

  LedgerEntry(Payment payment, EntryType type, BigDecimal amount, Instant bookedAt, String operation) {
    this.payment = payment;
    this.type = type;
    this.amount = amount;
    this.bookedAt = bookedAt;
    this.operation = operation;
  }

  public String getOperation() {
    return operation;
  }

  public Instant getConfirmedAt() {
    return confirmedAt;
  }

  void confirm(Instant at) {
    confirmedAt = at;
  }

  public EntryType getType() {
    return type;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public Instant getBookedAt() {
    return bookedAt;
  }
}
