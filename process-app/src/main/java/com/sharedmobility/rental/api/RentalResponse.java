package com.sharedmobility.rental.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sharedmobility.rental.readmodel.PaymentStatus;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A rental as the customer sees it: {@code key} only while the rental is ACTIVE, {@code endsAt} while it is ACTIVE or
 * RETURNING, {@code refundedAmount} once money went back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RentalResponse(String id, String customer, String mobilityId, int hours, BigDecimal amount,
                             String currency, RentalStatus status, PaymentStatus paymentStatus, String key,
                             Instant endsAt, BigDecimal refundedAmount, Instant createdAt, Instant updatedAt) {

  static RentalResponse of(RentalView r) {
    boolean running = r.status() == RentalStatus.ACTIVE || r.status() == RentalStatus.RETURNING;
    return new RentalResponse(r.id(), r.customer(), r.mobilityId(), r.hours(), r.amount(), r.currency(),
        r.status(), r.paymentStatus(), r.status() == RentalStatus.ACTIVE ? r.key() : null,
        running ? r.endsAt() : null, r.refundedAmount(), r.createdAt(), r.updatedAt());
  }
}
