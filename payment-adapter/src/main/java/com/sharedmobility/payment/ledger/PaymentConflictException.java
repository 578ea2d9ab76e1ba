package com.sharedmobility.payment.ledger;

/** The request contradicts the payment the ledger already holds for the rental, so nothing was done. */
public class PaymentConflictException extends RuntimeException {

  public PaymentConflictException(String message) {
    super(message);
  }
}
