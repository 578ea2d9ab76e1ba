package com.sharedmobility.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SimulatedCardProviderTest {

  private final SimulatedCardProvider provider = new SimulatedCardProvider(new SimulatorProperties(Duration.ZERO));

  @Test
  void testCardsDecideTheOutcome() {
    assertThat(charge("pm_card_visa")).isEqualTo(ChargeOutcome.CHARGED);
    assertThat(charge("pm_card_chargeDeclined")).isEqualTo(ChargeOutcome.DECLINED);
  }

  @Test
  void unknownMethodIsRefused() {
    assertThatThrownBy(() -> charge("pm_card_mastercard"))
        .isInstanceOf(UnknownPaymentMethodException.class)
        .hasMessageContaining("pm_card_mastercard");
  }

  @Test
  void latencyIsAddedToEveryCall() {
    SimulatedCardProvider slow = new SimulatedCardProvider(new SimulatorProperties(Duration.ofMillis(50)));
    long start = System.nanoTime();

    slow.refund(UUID.randomUUID(), "pm_card_visa", BigDecimal.TEN, "EUR");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }

  private ChargeOutcome charge(String paymentMethod) {
    return provider.charge(UUID.randomUUID(), paymentMethod, BigDecimal.TEN, "EUR");
  }
}
