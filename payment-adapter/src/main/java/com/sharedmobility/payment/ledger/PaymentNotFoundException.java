package com.sharedmobility.payment.ledger;

import java.util.UUID;

/** The ledger holds no payment for the rental. */
public class PaymentNotFoundException extends RuntimeException {

  public PaymentNotFoundException(UUID rentalId) {
    super("No payment exists for rental " + rentalId);
  }
}
