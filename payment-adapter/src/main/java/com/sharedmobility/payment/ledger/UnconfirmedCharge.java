package com.sharedmobility.payment.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * A charge that no rental has confirmed yet: a candidate orphan once it is older than any start could take. An
 * extension's charge names the extension.
 */
public record UnconfirmedCharge(UUID rentalId, Instant chargedAt, String extensionId) {

  /** The first charge of a rental. */
  public UnconfirmedCharge(UUID rentalId, Instant chargedAt) {
    this(rentalId, chargedAt, null);
  }
}
