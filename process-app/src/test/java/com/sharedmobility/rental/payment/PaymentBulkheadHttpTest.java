package com.sharedmobility.rental.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A hung payment service holds only as many charges (and with them database connections) as the bulkhead allows;
 * one more fails at once, which the process turns into 202 and a payment retry, and the breaker does not count
 * it against the payment service.
 */
@SpringBootTest(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "spring.cloud.openfeign.client.config.payment.read-timeout=10000",
    "resilience4j.bulkhead.instances.payment-charges.max-concurrent-calls=2",
    "resilience4j.bulkhead.instances.payment-charges.max-wait-duration=0",
    "rental.reconciliation.interval=PT24H"})
class PaymentBulkheadHttpTest extends StubbedPaymentServiceTest {

  @Test
  void aChargeBeyondTheLimitFailsAtOnceWhileTheOthersWaitForTheirAnswer() throws Exception {
    STUB.holdAnswers();
    List<CompletableFuture<PaymentClient.PaymentReceipt>> waiting = List.of(
        CompletableFuture.supplyAsync(() -> payments.charge(UUID.randomUUID().toString(), REQUEST)),
        CompletableFuture.supplyAsync(() -> payments.charge(UUID.randomUUID().toString(), REQUEST)));
    awaitRequests(2);

    long start = System.nanoTime();
    assertThatThrownBy(() -> payments.charge(UUID.randomUUID().toString(), REQUEST))
        .isInstanceOf(BulkheadFullException.class);
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the third charge failed").isLessThan(1_000);
    assertThat(STUB.requests()).as("the third charge never reached the payment service").isEqualTo(2);

    STUB.releaseAnswers();
    for (CompletableFuture<PaymentClient.PaymentReceipt> charge : waiting) {
      assertThat(charge.get().status()).isEqualTo("CHARGED");
    }
    CircuitBreaker breaker = breakers.circuitBreaker(PaymentAdapter.BREAKER);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(2);
    assertThat(payments.charge(UUID.randomUUID().toString(), REQUEST).status())
        .as("a slot is free again").isEqualTo("CHARGED");
  }

  private static void awaitRequests(int count) throws InterruptedException {
    for (int i = 0; i < 500 && STUB.requests() < count; i++) {
      Thread.sleep(10);
    }
    assertThat(STUB.requests()).as("charges waiting at the payment service").isEqualTo(count);
  }
}
