package com.sharedmobility.payment.api;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/** The body of {@code POST /payments/{rentalId}/refund}: how much of the charge goes back; none means all of it. */
public record RefundRequest(@Positive @Digits(integer = 10, fraction = 2) BigDecimal amount) {
}
