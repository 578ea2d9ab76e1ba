package com.sharedmobility.payment.provider;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A card provider in test mode: the payment method alone decides the outcome, as with real providers' test cards. */
@Component
public class SimulatedCardProvider implements CardProvider {

  private static final Map<String, ChargeOutcome> TEST_CARDS = Map.of(
      "pm_card_visa", ChargeOutcome.CHARGED,
      "pm_card_chargeDeclined", ChargeOutcome.DECLINED);

  private final SimulatorProperties properties;

  public SimulatedCardProvider(SimulatorProperties properties) {
    this.properties = properties;
  }

  @Override
  public ChargeOutcome charge(UUID idempotencyKey, String paymentMethod, BigDecimal amount, String currency) {
    ChargeOutcome outcome = TEST_CARDS.get(paymentMethod);
    if (outcome == null) {
      throw new UnknownPaymentMethodException(paymentMethod);
    }
    simulateLatency();
    return outcome;
  }

  @Override
  public void refund(UUID idempotencyKey, String paymentMethod, BigDecimal amount, String currency) {
    simulateLatency();
  }

  private void simulateLatency() {
    if (properties.latency().isZero()) {
      return;
    }
    try {
      Thread.sleep(properties.latency().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the simulated card provider", e);
    }
  }
}
