package com.sharedmobility.key.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code rentalId} is present only for a valid key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyKeyResponse(boolean valid, String rentalId) {

  static VerifyKeyResponse validFor(String rentalId) {
    return new VerifyKeyResponse(true, rentalId);
  }

  static VerifyKeyResponse invalid() {
    return new VerifyKeyResponse(false, null);
  }
}
