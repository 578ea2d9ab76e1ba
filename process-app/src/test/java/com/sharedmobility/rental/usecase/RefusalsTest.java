package com.sharedmobility.rental.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.rental.catalogue.NoPriceException;
import com.sharedmobility.rental.payment.ChargesBusyException;
import com.sharedmobility.rental.payment.PaymentRefusedException;
import com.sharedmobility.rental.usecase.Refusals.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** The API and the customer app tell the same failures the same way: what each one is, however deeply wrapped. */
class RefusalsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Refusals refusals = new Refusals(registry);

  @Test
  void aMissingPriceIsTheCustomersToMendWithFewerHours() {
    NoPriceException noPrice = new NoPriceException("CAR", 30);

    assertThat(refusals.of(wrapped(noPrice))).isEqualTo(new Refusals.Refusal(Kind.NO_PRICE, noPrice));
  }

  @Test
  void thePaymentServiceRefusingTheMethodIsTheCustomersOtherRefusalsAreTheServices() {
    PaymentRefusedException method = new PaymentRefusedException(400, "unknown payment method", null);
    PaymentRefusedException other = new PaymentRefusedException(422, "refused", null);

    assertThat(refusals.of(wrapped(method)).kind()).isEqualTo(Kind.PAYMENT_METHOD);
    assertThat(refusals.of(other).kind()).isEqualTo(Kind.PAYMENT_SERVICE);
  }

  @Test
  void fullChargeSlotsAndAnEmptyPoolAreOverloadAndCountedAsSuch() {
    assertThat(refusals.of(wrapped(new ChargesBusyException(null))).kind()).isEqualTo(Kind.CHARGES_BUSY);
    assertThat(refusals.of(wrapped(new SQLTransientConnectionException("timeout"))).kind())
        .isEqualTo(Kind.POOL_BUSY);

    assertThat(refusedFor("charges-busy")).isEqualTo(1);
    assertThat(refusedFor("db-pool")).isEqualTo(1);
  }

  @Test
  void anythingElseIsUnforeseenAndNotCountedAsOverload() {
    IllegalStateException bug = new IllegalStateException("a bug");

    assertThat(refusals.of(bug)).isEqualTo(new Refusals.Refusal(Kind.UNFORESEEN, bug));
    assertThat(registry.find(ApplicationAdmission.REFUSALS).counters())
        .allSatisfy(counter -> assertThat(counter.count()).isZero());
  }

  private static ProcessEngineException wrapped(Throwable cause) {
    return new ProcessEngineException("the engine's command failed", new RuntimeException(cause));
  }

  private double refusedFor(String reason) {
    return registry.get(ApplicationAdmission.REFUSALS).tag("reason", reason).counter().count();
  }
}
