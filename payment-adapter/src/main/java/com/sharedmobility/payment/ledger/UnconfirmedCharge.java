package com.sharedmobility.payment.ledger;

import java.time.Instant;
import java.util.UUID;

/** A charge that no rental has confirmed yet: a candidate orphan once it is older than any start could take. */
public record UnconfirmedCharge(UUID rentalId, Instant chargedAt) {
}
