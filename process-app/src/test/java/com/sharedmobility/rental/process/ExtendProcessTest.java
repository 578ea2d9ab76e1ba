package com.sharedmobility.rental.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.catalogue.NoPriceException;
import com.sharedmobility.rental.payment.PaymentClient.PaymentReceipt;
import com.sharedmobility.rental.payment.PaymentDeclinedException;
import com.sharedmobility.rental.process.RentalProcess.Topics;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplyForRental;
import com.sharedmobility.rental.usecase.CancelRental;
import com.sharedmobility.rental.usecase.ExtendRental;
import com.sharedmobility.rental.usecase.RentalProblem;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Extending an ACTIVE rental, path by path: the extra money is charged first and only then the time-up and the key
 * move; a declined charge or an open breaker changes nothing; extensions and a cancel take turns.
 */
class ExtendProcessTest extends RentalTestBase {

  private static final String CUSTOMER = "alice";
  /** 2.50 an hour up to 4 hours, 2.00 from 5, as the pricing decision says for bikes. */
  private static final String BIKE = "bike-01";

  @Autowired
  ApplyForRental applyForRental;
  @Autowired
  ExtendRental extendRental;
  @Autowired
  CancelRental cancelRental;
  @Autowired
  RentalReadModel readModel;
  @Autowired
  MeterRegistry meters;

  @Test
  void chargesTheDifferenceThenMovesTheTimeUpAndTheKey() {
    RentalView rental = activeRental(2);
    ProcessInstance pi = instanceOf(rental);
    Instant dueBefore = timeUp(pi).getDuedate().toInstant();
    double extensions = meters.counter("rental.extensions").count();
    when(payments.extend(any(), any(), any(), any())).thenReturn(receipt());

    RentalView extended = extendRental.extend(CUSTOMER, rental.id(), 1);

    verify(payments).extend(eq(rental.id()), anyString(), eq(new BigDecimal("2.50")), eq("EUR"));
    assertThat(extended.status()).isEqualTo(RentalStatus.ACTIVE);
    assertThat(extended.hours()).isEqualTo(3);
    assertThat(extended.amount()).isEqualByComparingTo("7.50");
    assertThat(extended.endsAt()).isEqualTo(rental.endsAt().plus(Duration.ofMinutes(1)));
    assertThat(extended.key()).isEqualTo("2468");
    assertThat(timeUp(pi).getDuedate().toInstant()).isEqualTo(dueBefore.plus(Duration.ofMinutes(1)));
    assertThat(pi).isWaitingAt("Gateway_RentalEnds", "Task_ExtendKey").hasPassed("Task_ApplyExtension");
    assertThat(pi).variables().containsEntry(RentalProcess.Variables.HOURS, 3)
        .containsEntry(RentalProcess.Variables.RENTAL_DURATION, "PT3M");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM rental_extension WHERE rental_id = :id").param("id", rental.id())
        .query(Long.class).single()).isEqualTo(1);
    assertThat(meters.counter("rental.extensions").count()).isEqualTo(extensions + 1);

    assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(pi.getId())
        .topicName(Topics.EXTEND_KEY).count()).isEqualTo(1);
    complete(externalTask(pi));
    assertThat(pi).hasPassed("EndEvent_RentalExtended").isWaitingAt("Gateway_RentalEnds");
  }

  @Test
  void aDeclinedChargeChangesNothing() {
    RentalView rental = activeRental(2);
    ProcessInstance pi = instanceOf(rental);
    Instant due = timeUp(pi).getDuedate().toInstant();
    when(payments.extend(any(), any(), any(), any())).thenThrow(new PaymentDeclinedException("declined"));

    assertRefused(rental, 1, RentalProblem.Kind.EXTENSION_DECLINED, 402);

    assertUnchanged(rental, pi, due);
    verify(payments, never()).releaseExtension(any(), any());
  }

  @Test
  void anOpenBreakerAnswers503WithTheWaitAndChangesNothing() {
    RentalView rental = activeRental(2);
    ProcessInstance pi = instanceOf(rental);
    Instant due = timeUp(pi).getDuedate().toInstant();
    when(payments.extend(any(), any(), any(), any())).thenThrow(
        CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("payment")));

    RentalProblem refused = assertRefused(rental, 1, RentalProblem.Kind.PAYMENT_UNAVAILABLE, 503);

    assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("10");
    assertUnchanged(rental, pi, due);
  }

  @Test
  void onlyAnActiveRentalWithinThePriceListIsExtended() {
    RentalView wholeDay = activeRental(24);
    RentalView keyPending = applyForRental.apply(CUSTOMER, "bike-02", 1, null, null);
    assertRefused(keyPending, 1, RentalProblem.Kind.NOT_EXTENDABLE, 409);

    assertThatThrownBy(() -> extendRental.extend(CUSTOMER, wholeDay.id(), 1)).isInstanceOf(NoPriceException.class);
    verify(payments, never()).extend(any(), any(), any(), any());
    assertThat(view(wholeDay).hours()).isEqualTo(24);
  }

  @Test
  void hoursThatCostNoMoreAreGivenWithoutACharge() {
    RentalView fourHours = activeRental(4);

    RentalView extended = extendRental.extend(CUSTOMER, fourHours.id(), 1);

    assertThat(extended.hours()).isEqualTo(5);
    assertThat(extended.amount()).isEqualByComparingTo("10.00");
    verify(payments, never()).extend(any(), any(), any(), any());
  }

  /** An extension whose rental's transaction fails after the charge gives the charge back at once. */
  @Test
  void aChargeWhoseExtensionCannotBeAppliedIsReleased() {
    RentalView rental = activeRental(2);
    when(payments.extend(any(), any(), any(), any())).thenReturn(receipt());
    engine.getRuntimeService().suspendProcessInstanceById(rental.processInstanceId());

    assertRefused(rental, 1, RentalProblem.Kind.NOT_EXTENDABLE, 409);

    verify(payments).releaseExtension(eq(rental.id()), anyString());
    assertThat(view(rental).hours()).isEqualTo(2);
    engine.getRuntimeService().activateProcessInstanceById(rental.processInstanceId());
  }

  @Test
  void twoExtensionsAtOnceTakeTurnsAndBothCount() throws Exception {
    RentalView rental = activeRental(2);
    ProcessInstance pi = instanceOf(rental);
    Instant due = timeUp(pi).getDuedate().toInstant();
    when(payments.extend(any(), any(), any(), any())).thenReturn(receipt());

    List<Object> outcomes = race(() -> extendRental.extend(CUSTOMER, rental.id(), 1),
        () -> extendRental.extend(CUSTOMER, rental.id(), 1));

    assertThat(outcomes).allMatch(RentalView.class::isInstance);
    RentalView extended = view(rental);
    assertThat(extended.hours()).isEqualTo(4);
    assertThat(extended.amount()).isEqualByComparingTo("10.00");
    assertThat(timeUp(pi).getDuedate().toInstant()).isEqualTo(due.plus(Duration.ofMinutes(2)));
    verify(payments, times(2)).extend(eq(rental.id()), anyString(), eq(new BigDecimal("2.50")), eq("EUR"));
  }

  /** Whichever comes first: an extension before the cancel is refunded with the rest; after it, it is refused. */
  @Test
  void anExtensionRacingACancelEndsCancelledWithEverythingRefundable() throws Exception {
    RentalView rental = activeRental(2);
    when(payments.extend(any(), any(), any(), any())).thenReturn(receipt());

    List<Object> outcomes = race(() -> extendRental.extend(CUSTOMER, rental.id(), 1),
        () -> cancelRental.cancel(CUSTOMER, rental.id()));

    assertThat(outcomes.get(1)).isInstanceOf(RentalView.class);
    RentalView cancelling = view(rental);
    assertThat(cancelling.status()).isEqualTo(RentalStatus.CANCELLING);
    assertThat(outcomes.get(0)).satisfiesAnyOf(
        extension -> assertThat(extension).isInstanceOf(RentalView.class),
        extension -> assertThat(extension).isInstanceOfSatisfying(RentalProblem.class,
            refused -> assertThat(refused.kind()).isEqualTo(RentalProblem.Kind.NOT_EXTENDABLE)));
    boolean extendedFirst = outcomes.get(0) instanceof RentalView;
    assertThat(cancelling.hours()).isEqualTo(extendedFirst ? 3 : 2);
    assertThat(cancelling.amount()).isEqualByComparingTo(extendedFirst ? "7.50" : "5.00");
    // key first, as every cancel of an ACTIVE rental
    assertThat(instanceOf(rental)).isWaitingAt("Task_RevokeKey").hasNotPassed("Event_RentalTimeUp");
  }

  private RentalProblem assertRefused(RentalView rental, int hours, RentalProblem.Kind kind, int status) {
    Throwable thrown = catchThrowable(() -> extendRental.extend(CUSTOMER, rental.id(), hours));
    assertThat(thrown).isInstanceOf(RentalProblem.class);
    RentalProblem problem = (RentalProblem) thrown;
    assertThat(problem.kind()).isEqualTo(kind);
    assertThat(problem.getStatusCode().value()).isEqualTo(status);
    return problem;
  }

  private void assertUnchanged(RentalView rental, ProcessInstance pi, Instant due) {
    assertThat(timeUp(pi).getDuedate().toInstant()).isEqualTo(due);
    assertThat(pi).isWaitingAt("Gateway_RentalEnds").hasNotPassed("StartEvent_ExtensionPaid");
    assertThat(view(rental)).extracting(RentalView::hours, RentalView::amount, RentalView::endsAt)
        .containsExactly(rental.hours(), rental.amount(), rental.endsAt());
  }

  /** Both calls at once; each one's answer, or what it threw. */
  private static List<Object> race(Callable<Object> first, Callable<Object> second) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> calls = List.of(first, second).stream()
          .map(call -> threads.submit(() -> {
            go.await();
            return call.call();
          })).toList();
      go.countDown();
      return calls.stream().map(ExtendProcessTest::outcome).toList();
    } finally {
      threads.shutdownNow();
    }
  }

  private static Object outcome(Future<Object> call) {
    try {
      return call.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Job timeUp(ProcessInstance pi) {
    return engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
        .activityId(RentalProcess.Activities.RENTAL_TIME_UP).singleResult();
  }

  private RentalView activeRental(int hours) {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    RentalView rental = applyForRental.apply(CUSTOMER, BIKE, hours, null, null);
    complete(externalTask(instanceOf(rental)), withVariables(RentalProcess.Variables.KEY, "2468"));
    RentalView active = view(rental);
    assertThat(active.status()).isEqualTo(RentalStatus.ACTIVE);
    return active;
  }

  private RentalView view(RentalView rental) {
    return readModel.findOwned(rental.id(), CUSTOMER).orElseThrow();
  }

  private static PaymentReceipt receipt() {
    return new PaymentReceipt("any", "CHARGED", BigDecimal.TEN, BigDecimal.ZERO, "EUR", Instant.now());
  }
}
