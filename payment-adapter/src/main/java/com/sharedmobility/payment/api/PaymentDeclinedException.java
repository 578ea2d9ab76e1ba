package com.sharedmobility.payment.api;

import com.sharedmobility.payment.ledger.Payment;

/** The card provider declined the charge; the ledger keeps the payment as DECLINED. */
class PaymentDeclinedException extends RuntimeException {

  private final transient Payment payment;

  PaymentDeclinedException(Payment payment) {
    super("The card provider declined payment method '%s' for rental %s"
        .formatted(payment.getPaymentMethod(), payment.getRentalId()));
    this.payment = payment;
  }

  Payment payment() {
    return payment;
  }
}
