package com.sharedmobility.rental.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The Feign client, the error translation and the circuit breaker as configured, against a real HTTP server.
 * The breaker window is small here so a handful of calls opens it.
 */
@SpringBootTest(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "spring.cloud.openfeign.client.config.payment.read-timeout=300",
    "resilience4j.circuitbreaker.instances.payment.sliding-window-size=4",
    "resilience4j.circuitbreaker.instances.payment.minimum-number-of-calls=4",
    "resilience4j.circuitbreaker.instances.payment.wait-duration-in-open-state=500ms",
    "resilience4j.circuitbreaker.instances.payment.slow-call-duration-threshold=200ms",
    "rental.reconciliation.interval=PT24H"})
@ExtendWith(OutputCaptureExtension.class)
class PaymentAdapterHttpTest extends StubbedPaymentServiceTest {

  @BeforeEach
  void closeBreaker() {
    breaker().reset();
    STUB.answer(200);
  }

  @Test
  void chargeAndRefundReturnThePaymentServicesAnswer() {
    String rentalId = UUID.randomUUID().toString();

    assertThat(payments.charge(rentalId, REQUEST).status()).isEqualTo("CHARGED");
    assertThat(payments.refund(rentalId).status()).isEqualTo("REFUNDED");
    // process-app's own account at the payment service (local profile: process-app / process-app)
    assertThat(STUB.lastAuthorization()).isEqualTo("Basic cHJvY2Vzcy1hcHA6cHJvY2Vzcy1hcHA=");
  }

  @Test
  void aDeclineIsABusinessAnswerThatNeverOpensTheBreaker() {
    STUB.answer(402);

    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> payments.charge(UUID.randomUUID().toString(), REQUEST))
          .isInstanceOf(PaymentDeclinedException.class);
    }
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aRefusedRequestIsNotAnOutage() {
    STUB.answer(409);

    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> payments.charge(UUID.randomUUID().toString(), REQUEST))
          .isInstanceOfSatisfying(PaymentRefusedException.class, e -> assertThat(e.status()).isEqualTo(409));
    }
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void serverErrorsOpenTheBreakerThenCallsFailFastWithoutReachingTheService() {
    STUB.answer(503);
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> payments.charge(UUID.randomUUID().toString(), REQUEST))
          .isInstanceOf(PaymentUnavailableException.class);
    }
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    int requestsBefore = STUB.requests();

    assertThatThrownBy(() -> payments.charge(UUID.randomUUID().toString(), REQUEST))
        .isInstanceOf(CallNotPermittedException.class);
    assertThat(STUB.requests()).isEqualTo(requestsBefore);
  }

  @Test
  void slowAnswersAreTimedOutAndCountAsUnavailable() {
    STUB.answerSlowly(Duration.ofMillis(800));

    long start = System.nanoTime();
    assertThatThrownBy(() -> payments.charge(UUID.randomUUID().toString(), REQUEST))
        .isInstanceOf(PaymentUnavailableException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(750));
  }

  @Test
  void anAnswerThatCannotBeReadIsAnUnknownOutcomeNotARefusal() {
    STUB.answer(StubPaymentServer.GARBLED);

    assertThatThrownBy(() -> payments.charge(UUID.randomUUID().toString(), REQUEST))
        .isInstanceOf(PaymentUnavailableException.class)
        .hasMessageContaining("could not be read");
  }

  @Test
  void aDroppedConnectionIsUnavailable() {
    STUB.dropConnections();

    assertThatThrownBy(() -> payments.charge(UUID.randomUUID().toString(), REQUEST))
        .isInstanceOf(PaymentUnavailableException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void theBreakerClosesAgainOnceTheServiceRecoversAndEachTransitionIsLogged(CapturedOutput log)
      throws InterruptedException {
    STUB.answer(503);
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> payments.charge(UUID.randomUUID().toString(), REQUEST))
          .isInstanceOf(PaymentUnavailableException.class);
    }
    STUB.answer(200);
    Thread.sleep(700);

    for (int i = 0; i < 3; i++) {
      assertThat(payments.charge(UUID.randomUUID().toString(), REQUEST).status()).isEqualTo("CHARGED");
    }
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(log.getOut())
        .containsPattern("WARN .*circuit breaker 'payment': CLOSED -> OPEN, calls fail at once \\(failure rate"
            + " 100.0 %, slow-call rate 0.0 % of the last 4 calls\\)")
        .containsPattern("INFO .*circuit breaker 'payment': OPEN -> HALF_OPEN")
        .containsPattern("INFO .*circuit breaker 'payment': HALF_OPEN -> CLOSED");
  }

  private CircuitBreaker breaker() {
    return breakers.circuitBreaker(PaymentAdapter.BREAKER);
  }
}
