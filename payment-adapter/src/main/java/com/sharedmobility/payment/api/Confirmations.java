package com.sharedmobility.payment.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** The answer of {@code POST /payments/confirmations}: how many payments this call confirmed. */
public record Confirmations(int confirmed) {

  /** Up to 300 rental ids: a batch fits the request body limit (16 KB). */
  public record Request(@NotNull @NotEmpty @Size(max = 300) List<@NotNull UUID> rentalIds) {
  }
}
