package com.sharedmobility.rental.readmodel;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of the status read model: what my page and {@code GET /rentals/{id}} show. */
public record RentalView(String id,
                         String customer,
                         String mobilityId,
                         int hours,
                         BigDecimal amount,
                         String currency,
                         RentalStatus status,
                         PaymentStatus paymentStatus,
                         String key,
                         String processInstanceId,
                         Instant createdAt,
                         Instant updatedAt) {
}
