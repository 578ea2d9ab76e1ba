package com.sharedmobility.rental.catalogue;

/**
 * The pricing decision has no rule for this vehicle type and number of hours. The decision is the one place that
 * says which hours can be rented: the application is refused (400) and rolls back, nothing is charged.
 */
public class NoPriceException extends RuntimeException {

  public NoPriceException(Object mobilityType, Object hours) {
    super("The price list has no price for " + hours + " hours of a " + String.valueOf(mobilityType).toLowerCase()
        + ".");
  }
}
