package com.sharedmobility.payment.provider;

/** The card provider does not know the payment method, so nothing was charged. */
public class UnknownPaymentMethodException extends RuntimeException {

  public UnknownPaymentMethodException(String paymentMethod) {
    super("Unknown payment method '" + paymentMethod + "'");
  }
}
