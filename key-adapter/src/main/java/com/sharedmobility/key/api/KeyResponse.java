package com.sharedmobility.key.api;

import com.sharedmobility.key.store.KeyState;
import com.sharedmobility.key.store.KeySummary;
import java.time.Instant;

/** A key as operators see it: never its code. */
public record KeyResponse(String rentalId, String mobilityId, KeyState status, Instant issuedAt, Instant validUntil,
    Instant revokedAt, Instant firstUnlockedAt) {

  static KeyResponse of(KeySummary key) {
    return new KeyResponse(key.rentalId(), key.mobilityId(), key.state(), key.issuedAt(), key.validUntil(),
        key.revokedAt(), key.firstUnlockedAt());
  }
}
