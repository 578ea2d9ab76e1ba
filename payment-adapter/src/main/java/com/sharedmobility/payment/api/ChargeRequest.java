package com.sharedmobility.payment.api;

import com.sharedmobility.payment.ledger.Charge;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** The body of {@code POST /payments/{rentalId}/charge}. */
public record ChargeRequest(
    @NotNull @Positive @Digits(integer = 10, fraction = 2) BigDecimal amount,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be 3 upper-case letters (ISO 4217)") String currency,
    @NotBlank @Size(max = 100) String paymentMethod,
    @NotBlank @Size(max = 100) String customer) {

  Charge toCharge() {
    return new Charge(customer, amount, currency, paymentMethod);
  }
}
