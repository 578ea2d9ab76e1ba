package com.sharedmobility.rental.catalogue;

import java.math.BigDecimal;

/** A vehicle of the catalogue, with the price of one hour from the pricing decision. */
public record Mobility(String id, MobilityType type, String name, BigDecimal pricePerHour) {
}
