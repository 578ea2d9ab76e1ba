package com.sharedmobility.rental.api;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /rentals}; {@code paymentMethod} is optional and defaults to {@code pm_card_visa}. */
public record RentalRequest(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,40}", message = "must be a catalogue id (letters, digits, - and _)")
    String mobilityId,
    // how many hours can be rented is the pricing decision's to say (NoPriceException): no second copy here
    @NotNull @Min(1) Integer hours,
    @Pattern(regexp = "pm_[A-Za-z0-9_]{1,60}", message = "must be a payment method id such as pm_card_visa")
    String paymentMethod) {
}
