package com.sharedmobility.rental.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.sharedmobility.rental.process.RentalProcess;
import com.sharedmobility.rental.readmodel.PaymentStatus;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplyForRental;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

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
@AutoConfigureObservability(metrics = false)
class PaymentAdapterHttpTest extends StubbedPaymentServiceTest {

  @Autowired
  ObservationRegistry observations;
  @Autowired
  Tracer tracer;
  @Autowired
  ProcessEngine engine;
  @Autowired
  ApplyForRental applyForRental;
  @Autowired
  RentalReadModel readModel;
  @Autowired
  JdbcClient jdbc;

  @BeforeEach
  void closeBreaker() {
    breaker().reset();
    STUB.answer(200);
  }

  @Test
  void chargeAndRefundReturnThePaymentServicesAnswer() {
    String rentalId = UUID.randomUUID().toString();

    assertThat(payments.charge(rentalId, REQUEST).status()).isEqualTo("CHARGED");
    assertThat(payments.refund(rentalId).refunded()).isEqualByComparingTo("5.00");
    assertThat(STUB.lastBody()).isEqualTo("{}");
    assertThat(payments.refund(rentalId, new BigDecimal("2.50")).status()).isEqualTo("REFUNDED");
    assertThat(STUB.lastBody()).isEqualTo("{\"amount\":2.50}");
    assertThat(payments.extend(rentalId, "ext-1", new BigDecimal("5.00"), "EUR").status()).isEqualTo("CHARGED");
    assertThat(STUB.lastBody()).isEqualTo("{\"amount\":5.00,\"currency\":\"EUR\"}");
    assertThat(payments.releaseExtension(rentalId, "ext-1").rentalId()).isEqualTo(rentalId);
    // process-app's own account at the payment service (local profile: process-app / process-app)
    assertThat(STUB.lastAuthorization()).isEqualTo("Basic cHJvY2Vzcy1hcHA6cHJvY2Vzcy1hcHA=");
  }

  /** One application is one trace across process-app and payment-adapter, and its log lines say which. */
  @Test
  void aChargeCarriesTheTraceOfTheApplicationAndItsLogLinesTheTraceId(CapturedOutput output) {
    Observation application = Observation.start("test.application", observations);
    String traceId;
    try (Observation.Scope ignored = application.openScope()) {
      traceId = tracer.currentSpan().context().traceId();
      payments.charge(UUID.randomUUID().toString(), REQUEST);
      LoggerFactory.getLogger(PaymentAdapterHttpTest.class).info("charged");
    } finally {
      application.stop();
    }

    assertThat(traceId).matches("[0-9a-f]{32}");
    // 00-<trace id>-<the client span's id>-<flags>
    assertThat(STUB.lastTraceparent()).matches("00-" + traceId + "-[0-9a-f]{16}-0[01]");
    assertThat(output).containsPattern("\\[trace " + traceId + "\\] .*charged");
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
    openTheBreakerWithServerErrors();
    int requestsBefore = STUB.requests();

    assertThatThrownBy(() -> payments.charge(UUID.randomUUID().toString(), REQUEST))
        .isInstanceOf(CallNotPermittedException.class);
    assertThat(STUB.requests()).isEqualTo(requestsBefore);
  }

  /**
   * The whole chain with nothing mocked: a failing payment server opens the real breaker, the application then takes
   * the process's timer path without reaching the server, and the retry after the server recovered is paid.
   */
  @Test
  void anOpenBreakerSendsAnApplicationToTheRetryTimerAndTheRetryIsPaidOnceTheServiceRecovered() throws Exception {
    openTheBreakerWithServerErrors();
    int requestsBefore = STUB.requests();
    init(engine);

    RentalView applied = applyForRental.apply("alice", "scooter-03", 1, null, null);
    try {
      assertThat(applied.status()).isEqualTo(RentalStatus.PAYMENT_PENDING);
      ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(applied.id()).singleResult();
      assertThat(pi).isWaitingAt("Event_PaymentRetryTimer");
      assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), RentalProcess.Variables.PAYMENT_FAILURE))
          .contains("CircuitBreaker 'payment' is OPEN");
      assertThat(STUB.requests()).as("an open breaker does not call the service").isEqualTo(requestsBefore);

      STUB.answer(200);
      Thread.sleep(600); // the breaker lets a probe through after wait-duration-in-open-state (500 ms here)
      execute(job(pi));

      assertThat(pi).isWaitingAt("Task_IssueKey");
      assertThat(readModel.findOwned(applied.id(), "alice").orElseThrow())
          .extracting(RentalView::status, RentalView::paymentStatus)
          .containsExactly(RentalStatus.KEY_PENDING, PaymentStatus.PAID);
      assertThat(STUB.requests()).isEqualTo(requestsBefore + 1);
    } finally {
      jdbc.sql("DELETE FROM rental WHERE id = :id").param("id", applied.id()).update();
      engine.getRuntimeService().deleteProcessInstance(applied.processInstanceId(), "test cleanup");
    }
  }

  /** Four 503 answers fill the test's breaker window (4 calls) with failures: the breaker opens. */
  private void openTheBreakerWithServerErrors() {
    STUB.answer(503);
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> payments.charge(UUID.randomUUID().toString(), REQUEST))
          .isInstanceOf(PaymentUnavailableException.class);
    }
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
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
