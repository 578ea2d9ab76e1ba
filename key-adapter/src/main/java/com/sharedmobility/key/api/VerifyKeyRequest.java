package com.sharedmobility.key.api;

import com.sharedmobility.key.store.KeyService;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** What a vehicle's on-board unit asks before it unlocks. */
public record VerifyKeyRequest(
    @NotNull @Pattern(regexp = KeyService.MOBILITY_ID_PATTERN,
        message = "must be 1 to 100 letters, digits, - and _") String mobilityId,
    @NotNull @Pattern(regexp = "\\d{4}", message = "must be exactly four digits") String key) {

  /** Without the key: Spring's debug log of request bodies prints this. */
  @Override
  public String toString() {
    return "VerifyKeyRequest[mobilityId=" + mobilityId + ", key=<hidden>]";
  }
}
