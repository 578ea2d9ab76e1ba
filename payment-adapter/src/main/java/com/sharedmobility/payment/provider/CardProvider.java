package com.sharedmobility.payment.provider;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The card provider that moves the money. The idempotency key (the rental id) lets a real provider
 * recognise a call repeated after a crash, so that a retried charge or refund never moves money twice.
 */
public interface CardProvider {

  /** Charges the payment method; throws {@link UnknownPaymentMethodException} for a method the provider does not know. */
  ChargeOutcome charge(UUID idempotencyKey, String paymentMethod, BigDecimal amount, String currency);

  /** Pays back this amount, all or part of an earlier charge. */
  void refund(UUID idempotencyKey, String paymentMethod, BigDecimal amount, String currency);
}
