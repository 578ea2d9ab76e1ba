package com.sharedmobility.key.store;

import java.time.Instant;

/** What may be shown about a key: everything but its code. */
public record KeySummary(String rentalId, String mobilityId, KeyState state, Instant issuedAt,
    Instant validUntil, Instant revokedAt, Instant firstUnlockedAt) {

  static KeySummary of(RentalKey key, Instant now) {
    return new KeySummary(key.getRentalId(), key.getMobilityId(), key.stateAt(now), key.getIssuedAt(),
        key.getValidUntil(), key.getRevokedAt(), key.getFirstUnlockedAt());
  }
}
