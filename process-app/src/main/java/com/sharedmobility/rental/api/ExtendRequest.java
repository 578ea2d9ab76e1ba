package com.sharedmobility.rental.api;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /rentals/{id}/extend}: the hours to add; how many a rental may have in all, the price list says. */
public record ExtendRequest(@NotNull @Min(1) Integer hours) {
}
