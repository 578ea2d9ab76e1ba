package com.sharedmobility.rental.payment;

/** The provider declined the charge: a business outcome, not a fault, so the circuit breaker ignores it. */
public class PaymentDeclinedException extends RuntimeException {

  public PaymentDeclinedException(String message) {
    super(message);
  }
}
