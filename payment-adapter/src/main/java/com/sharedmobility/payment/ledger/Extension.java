package com.sharedmobility.payment.ledger;

import com.sharedmobility.payment.provider.ChargeOutcome;

/** The payment after an extension charge, and whether the card provider took the extra money. */
public record Extension(Payment payment, ChargeOutcome outcome) {
}
