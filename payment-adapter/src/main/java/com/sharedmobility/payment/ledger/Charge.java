package com.sharedmobility.payment.ledger;

import java.math.BigDecimal;

/** What a customer is to pay for a rental. */
public record Charge(String customer, BigDecimal amount, String currency, String paymentMethod) {
}
