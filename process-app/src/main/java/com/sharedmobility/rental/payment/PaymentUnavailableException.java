package com.sharedmobility.rental.payment;

/** The payment service could not be reached or failed (5xx, timeout): counted by the circuit breaker. */
public class PaymentUnavailableException extends RuntimeException {

  public PaymentUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
