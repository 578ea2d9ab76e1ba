package com.sharedmobility.rental.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.catalogue.UnusedHours;
import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.rental.payment.PaymentClient.PaymentReceipt;
import com.sharedmobility.rental.process.RentalProcess.Topics;
import com.sharedmobility.rental.readmodel.PaymentStatus;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplyForRental;
import com.sharedmobility.rental.usecase.CancelRental;
import com.sharedmobility.rental.usecase.RentalProblem;
import com.sharedmobility.rental.usecase.ReturnVehicle;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Returning a vehicle early, path by path: the key is revoked before the unused whole hours go back, the time-up
 * does not fire any more, and a return that races the time-up or a cancel leaves exactly one outcome.
 */
class ReturnProcessTest extends RentalTestBase {

  private static final String CUSTOMER = "alice";
  /** 2.50 an hour, as the pricing decision says for bikes. */
  private static final String BIKE = "bike-01";

  @Autowired
  ApplyForRental applyForRental;
  @Autowired
  ReturnVehicle returnVehicle;
  @Autowired
  CancelRental cancelRental;
  @Autowired
  RentalReadModel readModel;
  @Autowired
  UnusedHours unusedHours;
  @Autowired
  RentalProperties properties;
  @Autowired
  MeterRegistry meters;

  @Test
  void revokesTheKeyThenRefundsTheUnusedHoursAndCompletes() {
    RentalView rental = activeRental(3);
    assertThat(rental.endsAt()).isCloseTo(Instant.now().plus(properties.hour().multipliedBy(3)),
        within(Duration.ofSeconds(10)));
    ProcessInstance pi = instanceOf(rental);
    double completed = outcomes("COMPLETED");
    when(payments.refund(any(), any())).thenReturn(receipt("PARTLY_REFUNDED", "7.50", "5.00"));

    RentalView returning = returnVehicle.returnVehicle(CUSTOMER, rental.id());

    assertThat(returning.status()).isEqualTo(RentalStatus.RETURNING);
    assertThat(returning.key()).as("the key is being revoked").isNull();
    assertThat(returning.endsAt()).isEqualTo(rental.endsAt());
    assertThat(pi).isWaitingAt("Task_RevokeReturnedKey").externalTask().hasTopicName(Topics.REVOKE_KEY);
    assertThat(pi).variables().containsEntry(RentalProcess.Variables.REFUND_DUE, "5.00");
    // the time-up timer is gone with the event-based gateway's other branch
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    verify(payments, never()).refund(any(), any());

    complete(externalTask(pi));
    assertThat(pi).isWaitingAt("Task_RefundUnusedHours");
    verify(payments, never()).refund(any(), any());
    execute(job(pi));

    assertThat(pi).isEnded().hasPassed("Task_RevokeReturnedKey", "Task_RefundUnusedHours", "EndEvent_VehicleReturned")
        .hasNotPassed("Event_RentalTimeUp", "Task_RevokeExpiredKey");
    verify(payments).refund(eq(rental.id()), eq(new BigDecimal("5.00")));
    RentalView ended = view(rental);
    assertThat(ended).extracting(RentalView::status, RentalView::paymentStatus, RentalView::key)
        .containsExactly(RentalStatus.COMPLETED, PaymentStatus.PARTLY_REFUNDED, null);
    assertThat(ended.refundedAmount()).isEqualByComparingTo("5.00");
    assertThat(outcomes("COMPLETED")).isEqualTo(completed + 1);
  }

  @Test
  void whenEveryHourPaidForHasBegunNothingGoesBack() {
    RentalView rental = activeRental(1);
    ProcessInstance pi = instanceOf(rental);

    returnVehicle.returnVehicle(CUSTOMER, rental.id());
    complete(externalTask(pi));

    assertThat(pi).isEnded().hasPassed("EndEvent_VehicleReturned").hasNotPassed("Task_RefundUnusedHours");
    verify(payments, never()).refund(any(), any());
    assertThat(view(rental)).extracting(RentalView::status, RentalView::paymentStatus, RentalView::refundedAmount)
        .containsExactly(RentalStatus.COMPLETED, PaymentStatus.PAID, null);
  }

  @Test
  void theHoursBegunAreCountedFromTheStartOfTheRentalAndAtLeastOne() {
    RentalView rental = activeRental(3);
    Instant start = rental.endsAt().minus(properties.hour().multipliedBy(3));

    assertThat(unusedHours.hoursBegun(rental, start)).isEqualTo(1);
    assertThat(unusedHours.hoursBegun(rental, start.plus(properties.hour()))).isEqualTo(1);
    assertThat(unusedHours.hoursBegun(rental, start.plus(properties.hour()).plusMillis(1))).isEqualTo(2);
    assertThat(unusedHours.hoursBegun(rental, rental.endsAt().plusSeconds(30))).isEqualTo(3);
    assertThat(unusedHours.refundAt(rental, start.plus(properties.hour()).plusMillis(1))).isEqualByComparingTo("2.50");
    assertThat(unusedHours.refundAt(rental, rental.endsAt())).isEqualByComparingTo("0.00");
  }

  @Test
  void aRepeatAnswersWithTheReturningRentalAndStartsNothingMore() {
    RentalView rental = activeRental(2);

    RentalView first = returnVehicle.returnVehicle(CUSTOMER, rental.id());
    RentalView repeat = returnVehicle.returnVehicle(CUSTOMER, rental.id());

    assertThat(repeat).isEqualTo(first);
    assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(rental.processInstanceId())
        .count()).isEqualTo(1);
  }

  @Test
  void onlyAnActiveRentalIsReturned() {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    RentalView keyPending = applyForRental.apply(CUSTOMER, BIKE, 1, null, null);

    assertThatThrownBy(() -> returnVehicle.returnVehicle(CUSTOMER, keyPending.id()))
        .isInstanceOfSatisfying(RentalProblem.class, problem -> {
          assertThat(problem.kind()).isEqualTo(RentalProblem.Kind.NOT_RETURNABLE);
          assertThat(problem.getStatusCode().value()).isEqualTo(409);
          assertThat(problem.getBody().getDetail()).contains("KEY_PENDING", "Cancel it instead");
        });
    assertThat(instanceOf(keyPending)).isWaitingAt("Task_IssueKey");

    complete(externalTask(instanceOf(keyPending)), withVariables(RentalProcess.Variables.KEY, "1357"));
    execute(job(instanceOf(keyPending)));
    assertThat(view(keyPending).status()).isEqualTo(RentalStatus.COMPLETED);
    assertThatThrownBy(() -> returnVehicle.returnVehicle(CUSTOMER, keyPending.id()))
        .isInstanceOfSatisfying(RentalProblem.class,
            problem -> assertThat(problem.kind()).isEqualTo(RentalProblem.Kind.NOT_RETURNABLE));
    assertThatThrownBy(() -> returnVehicle.returnVehicle("bob", keyPending.id()))
        .isInstanceOfSatisfying(RentalProblem.class,
            problem -> assertThat(problem.kind()).isEqualTo(RentalProblem.Kind.RENTAL_NOT_FOUND));
  }

  @Test
  void aRentalBeingReturnedCannotBeCancelled() {
    RentalView rental = activeRental(2);
    returnVehicle.returnVehicle(CUSTOMER, rental.id());

    assertThatThrownBy(() -> cancelRental.cancel(CUSTOMER, rental.id()))
        .isInstanceOfSatisfying(RentalProblem.class,
            problem -> assertThat(problem.kind()).isEqualTo(RentalProblem.Kind.NOT_CANCELLABLE));

    assertThat(instanceOf(rental)).isWaitingAt("Task_RevokeReturnedKey").hasNotPassed("SubProcess_CancelRental");
    assertThat(view(rental).status()).isEqualTo(RentalStatus.RETURNING);
  }

  /**
   * The time-up job and a return reach the rental together, again and again: exactly one of them wins, and the
   * other changes nothing (the job's transaction fails on the engine's optimistic lock, the return sees COMPLETED).
   */
  @Test
  void aReturnRacingTheTimeUpLeavesExactlyOneOutcome() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        RentalView rental = activeRental(3);
        ProcessInstance pi = instanceOf(rental);
        Job timeUp = job(pi);
        CountDownLatch go = new CountDownLatch(1);
        Future<Boolean> timer = threads.submit(inTurn(go, () -> {
          engine.getManagementService().executeJob(timeUp.getId());
          return true;
        }));
        Future<Boolean> customer = threads.submit(inTurn(go, () -> {
          returnVehicle.returnVehicle(CUSTOMER, rental.id());
          return true;
        }));
        go.countDown();
        boolean timerWon = outcome(timer);
        boolean returnWon = outcome(customer);

        assertThat(timerWon ^ returnWon).as("round %d: exactly one wins", round).isTrue();
        RentalView now = view(rental);
        if (returnWon) {
          assertThat(now.status()).isEqualTo(RentalStatus.RETURNING);
          assertThat(pi).isWaitingAt("Task_RevokeReturnedKey");
        } else {
          assertThat(now.status()).isEqualTo(RentalStatus.COMPLETED);
          assertThat(pi).isWaitingAt("Task_RevokeExpiredKey");
        }
        when(payments.refund(any(), any())).thenReturn(receipt("PARTLY_REFUNDED", "7.50", "5.00"));
        complete(externalTask(pi));
        if (returnWon) {
          execute(job(pi));
        }
        assertThat(pi).isEnded();
        assertThat(view(rental).status()).isEqualTo(RentalStatus.COMPLETED);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static <T> Callable<T> inTurn(CountDownLatch go, Callable<T> work) {
    return () -> {
      go.await();
      return work.call();
    };
  }

  /** True when the call went through; false when it lost the race as it must: refused, or rolled back. */
  private static boolean outcome(Future<Boolean> call) throws Exception {
    try {
      return call.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RentalProblem problem) {
        assertThat(problem.kind()).isEqualTo(RentalProblem.Kind.NOT_RETURNABLE);
        return false;
      }
      // the return deleted the timer's job first, or changed the instance under it
      assertThat(cause).isInstanceOf(ProcessEngineException.class);
      assertThat(cause instanceof OptimisticLockingException || cause.getMessage().contains("No job found"))
          .as("%s", cause).isTrue();
      return false;
    }
  }

  private RentalView activeRental(int hours) {
    when(payments.charge(any(), any())).thenReturn(receipt("CHARGED", "0.00", "0.00"));
    RentalView rental = applyForRental.apply(CUSTOMER, BIKE, hours, null, null);
    complete(externalTask(instanceOf(rental)), withVariables(RentalProcess.Variables.KEY, "2468"));
    RentalView active = view(rental);
    assertThat(active.status()).isEqualTo(RentalStatus.ACTIVE);
    return active;
  }

  private RentalView view(RentalView rental) {
    return readModel.findOwned(rental.id(), CUSTOMER).orElseThrow();
  }

  private double outcomes(String outcome) {
    return meters.get("rental.outcomes").tag("outcome", outcome).counter().count();
  }

  private static PaymentReceipt receipt(String status, String amount, String refunded) {
    return new PaymentReceipt("any", status, new BigDecimal(amount), new BigDecimal(refunded), "EUR", Instant.now());
  }
}
