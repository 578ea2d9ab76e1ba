package com.sharedmobility.payment.api;

import com.sharedmobility.payment.ledger.EntryType;
import com.sharedmobility.payment.ledger.LedgerEntry;
import com.sharedmobility.payment.ledger.Payment;
import com.sharedmobility.payment.ledger.PaymentStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A payment as the API shows it. */
public record PaymentResponse(
    UUID rentalId,
    String customer,
    BigDecimal amount,
    String currency,
    String paymentMethod,
    PaymentStatus status,
    BigDecimal refundedAmount,
    Instant createdAt,
    Instant updatedAt,
    Instant confirmedAt,
    List<Entry> entries) {

  /** One money movement of the payment; {@code extensionId} for an extension's charge and its release. */
  public record Entry(EntryType type, BigDecimal amount, Instant at, String extensionId) {

    static Entry of(LedgerEntry entry) {
      return new Entry(entry.getType(), entry.getAmount(), entry.getBookedAt(),
          entry.getOperation().isEmpty() ? null : entry.getOperation());
    }
  }

  static PaymentResponse of(Payment payment) {
    return new PaymentResponse(payment.getRentalId(), payment.getCustomer(), payment.getAmount(),
        payment.getCurrency(), payment.getPaymentMethod(), payment.getStatus(), payment.getRefundedAmount(), payment.getCreatedAt(),
        payment.getUpdatedAt(), payment.getConfirmedAt(), payment.getEntries().stream().map(Entry::of).toList());
  }
}
