package com.sharedmobility.payment.api;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** The answer of {@code POST /payments/confirmations}: how many payments this call confirmed. */
public record Confirmations(int confirmed) {

  /**
   * Up to 300 rental ids and 300 extension ids: a batch fits the request body limit (16 KB). Either list may be
   * left out, not both.
   */
  public record Request(@Size(max = 300) List<@NotNull UUID> rentalIds,
                        @Size(max = 300) List<@NotNull UUID> extensionIds) {

    @AssertTrue(message = "must name at least one rental or extension")
    boolean isAnything() {
      return !rentals().isEmpty() || !extensions().isEmpty();
    }

    List<UUID> rentals() {
      return rentalIds == null ? List.of() : rentalIds;
    }

    List<UUID> extensions() {
      return extensionIds == null ? List.of() : extensionIds;
    }
  }
}
