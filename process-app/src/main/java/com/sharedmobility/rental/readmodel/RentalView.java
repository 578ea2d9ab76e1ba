package com.sharedmobility.rental.readmodel;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of the status read model: what my page and {@code GET /rentals/{id}} show. {@code endsAt} is when the
 * rental's time is up, set once it became ACTIVE; {@code refundedAmount} what went back, null before any refund.
 */
public record RentalView(String id,
                         String customer,
                         String mobilityId,
                         int hours,
                         BigDecimal amount,
                         String currency,
                         RentalStatus status,
                         PaymentStatus paymentStatus,
                         String key,
                         Instant endsAt,
                         BigDecimal refundedAmount,
                         String processInstanceId,
                         Instant createdAt,
                         Instant updatedAt) {
}
