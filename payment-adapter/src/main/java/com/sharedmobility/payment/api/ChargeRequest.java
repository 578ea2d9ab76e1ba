package com.sharedmobility.payment.api;

import com.sharedmobility.payment.ledger.Charge;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/**
 * The body of {@code POST /payments/{rentalId}/charge}. Ids are identifiers, not text: a payment method id as the
 * card provider spells them, a customer as an identity provider's subject (user names, e-mail addresses, UUIDs,
 * {@code provider|id}). Nothing else reaches the ledger or the log (a NUL byte failed the insert).
 */
public record ChargeRequest(
    @NotNull @Positive @Digits(integer = 10, fraction = 2) BigDecimal amount,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be 3 upper-case letters (ISO 4217)") String currency,
    @NotNull @Pattern(regexp = "pm_[A-Za-z0-9_]{1,97}", message = "must be a payment method id such as pm_card_visa")
    String paymentMethod,
    @NotNull @Pattern(regexp = "[A-Za-z0-9._@|:+-]{1,100}",
        message = "must be a customer id of 1 to 100 letters, digits and . _ @ | : + -")
    String customer) {

  Charge toCharge() {
    return new Charge(customer, amount, currency, paymentMethod);
  }
}
