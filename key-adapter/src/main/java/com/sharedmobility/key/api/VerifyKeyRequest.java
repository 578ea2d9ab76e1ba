package com.sharedmobility.key.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a vehicle's on-board unit asks before it unlocks. */
public record VerifyKeyRequest(
    @NotBlank @Size(max = 100) String mobilityId,
    @NotNull @Pattern(regexp = "\\d{4}", message = "must be exactly four digits") String key) {

  /** Without the key: Spring's debug log of request bodies prints this. */
  @Override
  public String toString() {
    return "VerifyKeyRequest[mobilityId=" + mobilityId + ", key=<hidden>]";
  }
}
