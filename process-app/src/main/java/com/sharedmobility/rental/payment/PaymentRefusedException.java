package com.sharedmobility.rental.payment;

/**
 * The payment service answered but refused the request (4xx other than 402), e.g. a charge after the rental's
 * payment was closed. A defect or a race, never a reason to open the breaker: it becomes a retry, then an incident.
 */
public class PaymentRefusedException extends RuntimeException {

  private final int status;

  public PaymentRefusedException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status the payment service answered. */
  public int status() {
    return status;
  }
}
