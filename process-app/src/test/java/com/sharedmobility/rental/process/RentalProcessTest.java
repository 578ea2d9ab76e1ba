package com.sharedmobility.rental.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.payment.ChargesBusyException;
import com.sharedmobility.rental.payment.KeyFirstGuard.KeyStillValidException;
import com.sharedmobility.rental.payment.PaymentAdapter;
import com.sharedmobility.rental.payment.PaymentClient.ChargeRequest;
import com.sharedmobility.rental.payment.PaymentClient.PaymentReceipt;
import com.sharedmobility.rental.payment.PaymentDeclinedException;
import com.sharedmobility.rental.payment.PaymentUnavailableException;
import com.sharedmobility.rental.process.RentalProcess.Topics;
import com.sharedmobility.rental.readmodel.PaymentStatus;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplyForRental;
import com.sharedmobility.rental.usecase.CancelRental;
import com.sharedmobility.support.errors.Causes;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.ErrorResponseException;

/** The rental process path by path, with the real delegates and read model; the payment service is a mock. */
class RentalProcessTest extends RentalTestBase {

  private static final String CUSTOMER = "alice";
  private static final String BIKE = "bike-01";

  @Autowired
  ApplyForRental applyForRental;
  @Autowired
  CancelRental cancelRental;
  @Autowired
  RentalReadModel readModel;
  @Autowired
  MeterRegistry meters;

  @Test
  void paidRentalGetsItsKeyAndCompletesWhenItsTimeIsUp() {
    when(payments.charge(any(), any())).thenReturn(CHARGED);

    RentalView applied = apply(2);

    assertThat(applied.status()).isEqualTo(RentalStatus.KEY_PENDING);
    assertThat(applied.paymentStatus()).isEqualTo(PaymentStatus.PAID);
    assertThat(applied.amount()).isEqualByComparingTo("5.00");
    verify(payments).charge(applied.id(), new ChargeRequest(new BigDecimal("5.00"), "EUR", "pm_card_visa", CUSTOMER));
    ProcessInstance pi = instanceOf(applied);
    assertThat(pi).hasBusinessKey(applied.id()).hasPassed("Task_DeterminePrice", "Task_ChargePayment")
        .isWaitingAt("Task_IssueKey").externalTask().hasTopicName(Topics.ISSUE_KEY);

    complete(externalTask(pi), withVariables(RentalProcess.Variables.KEY, "0427"));

    assertThat(pi).isWaitingAt("Gateway_RentalEnds");
    assertThat(view(applied)).extracting(RentalView::status, RentalView::key)
        .containsExactly(RentalStatus.ACTIVE, "0427");
    Job timeUp = job(pi);
    assertThat(timeUp.getDuedate().toInstant())
        .isCloseTo(Instant.now().plus(Duration.ofMinutes(2)), within(Duration.ofSeconds(30)));

    execute(timeUp);

    assertThat(view(applied)).extracting(RentalView::status, RentalView::key)
        .containsExactly(RentalStatus.COMPLETED, null);
    assertThat(pi).isWaitingAt("Task_RevokeExpiredKey").externalTask().hasTopicName(Topics.REVOKE_KEY);
    complete(externalTask(pi));
    assertThat(pi).isEnded().hasPassed("EndEvent_RentalCompleted");
    assertThat(view(applied).paymentStatus()).isEqualTo(PaymentStatus.PAID);
    verify(payments, never()).refund(any());
  }

  @Test
  void declinedChargeRejectsTheRental() {
    when(payments.charge(any(), any())).thenThrow(new PaymentDeclinedException("declined"));

    RentalView applied = apply(1);

    assertThat(applied.status()).isEqualTo(RentalStatus.REJECTED);
    assertThat(applied.paymentStatus()).isEqualTo(PaymentStatus.DECLINED);
    assertThat(instanceOf(applied)).isEnded().hasPassed("Boundary_PaymentDeclined", "EndEvent_PaymentDeclined")
        .hasNotPassed("Task_IssueKey");
  }

  @Test
  void unavailablePaymentIsRetriedByTimerUntilPaid() {
    when(payments.charge(any(), any()))
        .thenThrow(new PaymentUnavailableException("connection refused", null))
        .thenReturn(CHARGED);

    RentalView applied = apply(1);

    assertThat(applied.status()).isEqualTo(RentalStatus.PAYMENT_PENDING);
    assertThat(applied.paymentStatus()).isEqualTo(PaymentStatus.NONE);
    ProcessInstance pi = instanceOf(applied);
    assertThat(pi).isWaitingAt("Event_PaymentRetryTimer");
    assertThat(job(pi).getDuedate().toInstant())
        .isCloseTo(Instant.now().plusSeconds(10), within(Duration.ofSeconds(5)));

    execute(job(pi));

    assertThat(pi).isWaitingAt("Task_IssueKey");
    assertThat(view(applied)).extracting(RentalView::status, RentalView::paymentStatus)
        .containsExactly(RentalStatus.KEY_PENDING, PaymentStatus.PAID);
    verify(payments, times(2)).charge(eq(applied.id()), any());
  }

  @Test
  void aFullBulkheadOnTheApplicationsOwnChargeRefusesTheApplicationAndStartsNothing() {
    when(payments.charge(any(), any())).thenThrow(
        BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults(PaymentAdapter.CHARGES)));

    assertThatThrownBy(() -> apply(1))
        .satisfies(e -> assertThat(Causes.any(e, ChargesBusyException.class::isInstance)).isTrue());

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    assertThat(readModel.newestOf(CUSTOMER, 10)).isEmpty();
  }

  /** On a payment retry the bulkhead is the payment service's trouble as much as load: wait for the next retry. */
  @Test
  void aFullBulkheadOnAPaymentRetryWaitsForTheNextRetry() {
    when(payments.charge(any(), any()))
        .thenThrow(new PaymentUnavailableException("connection refused", null))
        .thenThrow(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults(PaymentAdapter.CHARGES)))
        .thenReturn(CHARGED);
    RentalView applied = apply(1);
    ProcessInstance pi = instanceOf(applied);

    execute(job(pi));

    assertThat(pi).isWaitingAt("Event_PaymentRetryTimer");
    assertThat(view(applied).status()).isEqualTo(RentalStatus.PAYMENT_PENDING);
    assertThat((String) engine.getRuntimeService().getVariable(applied.processInstanceId(),
        RentalProcess.Variables.PAYMENT_FAILURE)).contains("attempt 2", "payment-charges");

    execute(job(pi));

    assertThat(pi).isWaitingAt("Task_IssueKey");
    verify(payments, times(3)).charge(eq(applied.id()), any());
  }

  @Test
  void openCircuitIsTreatedAsUnavailable() {
    CircuitBreaker open = CircuitBreaker.ofDefaults("payment");
    open.transitionToOpenState();
    when(payments.charge(any(), any())).thenThrow(CallNotPermittedException.createCallNotPermittedException(open));

    RentalView applied = apply(1);

    assertThat(applied.status()).isEqualTo(RentalStatus.PAYMENT_PENDING);
    assertThat(instanceOf(applied)).isWaitingAt("Event_PaymentRetryTimer");
    // operators see why in the process's variables and history
    assertThat((String) engine.getRuntimeService().getVariable(applied.processInstanceId(),
        RentalProcess.Variables.PAYMENT_FAILURE)).contains("attempt 1", "CircuitBreaker 'payment' is OPEN");
  }

  @Test
  void retryDelaysGrowUntilRetriesRunOutThenTheRentalIsRejectedWithNothingCharged() {
    when(payments.charge(any(), any())).thenThrow(new PaymentUnavailableException("down", null));
    when(payments.refund(any())).thenReturn(receipt("VOIDED"));

    RentalView applied = apply(1);
    ProcessInstance pi = instanceOf(applied);
    Job first = job(pi);
    execute(first);
    Job second = job(pi);
    assertThat(Duration.between(second.getCreateTime().toInstant(), second.getDuedate().toInstant()))
        .isCloseTo(Duration.ofSeconds(20), Duration.ofSeconds(2));
    execute(second);

    assertThat(pi).isWaitingAt("Task_ReleasePaymentAfterRetries");
    assertThat(view(applied).status()).isEqualTo(RentalStatus.PAYMENT_PENDING);
    execute(job(pi));

    assertThat(pi).isEnded().hasPassed("EndEvent_PaymentRetriesExhausted");
    assertThat(view(applied)).extracting(RentalView::status, RentalView::paymentStatus)
        .containsExactly(RentalStatus.REJECTED, PaymentStatus.NONE);
    verify(payments, times(3)).charge(eq(applied.id()), any());
    verify(payments).refund(applied.id());
  }

  @Test
  void anUnexpectedFailureRollsBackTheWholeApplication() {
    when(payments.charge(any(), any())).thenThrow(new IllegalStateException("bug"));

    assertThatThrownBy(() -> apply(1)).isInstanceOf(IllegalStateException.class);

    assertThat(readModel.newestOf(CUSTOMER, 10)).isEmpty();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }

  @Nested
  class ManualKey {

    @Test
    void aKeyTheServiceCannotIssueIsChosenByOpsAndActivatesTheRental() {
      RentalView rental = paidRentalWhoseKeyCannotBeIssued();
      ProcessInstance pi = instanceOf(rental);

      assertThat(pi).isWaitingAt("Task_IssueKeyManually").task().hasCandidateGroup("ops");
      assertThat(pi).variables().containsEntry(RentalProcess.Variables.KEY_PROBLEM, "no free key for bike-01");
      assertThat(view(rental).status()).isEqualTo(RentalStatus.KEY_PENDING);

      submitForm(pi, "4321");
      assertThat(pi).isWaitingAt("Task_RegisterManualKey").externalTask().hasTopicName(Topics.REGISTER_KEY);
      assertThat(pi).variables().containsEntry(RentalProcess.Variables.MANUAL_KEY, "4321");
      complete(externalTask(pi), withVariables(RentalProcess.Variables.KEY, "4321"));

      assertThat(pi).isWaitingAt("Gateway_RentalEnds");
      assertThat(view(rental)).extracting(RentalView::status, RentalView::key)
          .containsExactly(RentalStatus.ACTIVE, "4321");
    }

    /** Tasklist submits the form through the form service, which runs the field's validation. */
    @ParameterizedTest
    @ValueSource(strings = {"123", "12345", "12a4", "１２３４", " 123"})
    void theFormAcceptsFourDigitsOnly(String key) {
      ProcessInstance pi = instanceOf(paidRentalWhoseKeyCannotBeIssued());

      assertThatThrownBy(() -> submitForm(pi, key)).isInstanceOf(FormFieldValidatorException.class)
          .hasMessageContaining("manualKey");

      assertThat(pi).isWaitingAt("Task_IssueKeyManually");
      assertThat(pi).variables().doesNotContainKey(RentalProcess.Variables.MANUAL_KEY);
    }

    @Test
    void aRejectedManualKeyGoesBackToOps() {
      ProcessInstance pi = instanceOf(paidRentalWhoseKeyCannotBeIssued());
      complete(task(pi), withVariables(RentalProcess.Variables.MANUAL_KEY, "0000"));

      failWithBpmnError(pi, Topics.REGISTER_KEY, RentalProcess.Errors.KEY_REJECTED, "0000 already opens bike-01");

      assertThat(pi).isWaitingAt("Task_IssueKeyManually");
      assertThat(pi).variables().containsEntry(RentalProcess.Variables.KEY_PROBLEM, "0000 already opens bike-01");
    }

    @Test
    void cancellingRevokesTheManualKeyBeforeRefunding() {
      when(payments.refund(any())).thenReturn(REFUNDED);
      RentalView rental = paidRentalWhoseKeyCannotBeIssued();
      ProcessInstance pi = instanceOf(rental);
      complete(task(pi), withVariables(RentalProcess.Variables.MANUAL_KEY, "4321"));
      complete(externalTask(pi), withVariables(RentalProcess.Variables.KEY, "4321"));

      cancel(rental);

      assertThat(pi).isWaitingAt("Task_RevokeManualKey").externalTask().hasTopicName(Topics.REVOKE_KEY);
      verify(payments, never()).refund(any());
      complete(externalTask(pi));
      execute(job(pi));
      assertThat(pi).isEnded().hasPassed("Task_RevokeManualKey", "Task_RefundPayment", "EndEvent_RentalCancelled")
          .hasNotPassed("Task_RevokeKey");
      verify(payments).refund(rental.id());
    }

    private void submitForm(ProcessInstance pi, String manualKey) {
      engine.getFormService().submitTaskForm(task(pi).getId(), Map.of(RentalProcess.Variables.MANUAL_KEY, manualKey));
    }

    private RentalView paidRentalWhoseKeyCannotBeIssued() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      RentalView rental = apply(1);
      failWithBpmnError(instanceOf(rental), Topics.ISSUE_KEY, RentalProcess.Errors.KEY_NOT_ISSUABLE,
          "no free key for bike-01");
      return rental;
    }

    /** What the key service's worker does when a task can never succeed. */
    private void failWithBpmnError(ProcessInstance pi, String topic, String errorCode, String message) {
      ExternalTaskService externalTasks = engine.getExternalTaskService();
      String id = externalTasks.fetchAndLock(1, "test-worker").topic(topic, 10_000)
          .processInstanceVariableEquals(RentalProcess.Variables.CUSTOMER, CUSTOMER).execute().get(0).getId();
      externalTasks.handleBpmnError(id, "test-worker", errorCode, message);
    }
  }

  @Nested
  class Cancel {

    @Test
    void whilePaymentIsPendingReleasesAnyUnconfirmedCharge() {
      when(payments.charge(any(), any())).thenThrow(new PaymentUnavailableException("down", null));
      when(payments.refund(any())).thenReturn(receipt("VOIDED"));
      RentalView applied = apply(1);
      ProcessInstance pi = instanceOf(applied);

      assertThat(cancel(applied).status()).isEqualTo(RentalStatus.CANCELLING);
      assertThat(pi).isWaitingAt("Task_RevokeUnconfirmedKey").externalTask().hasTopicName(Topics.REVOKE_KEY);
      complete(externalTask(pi));
      assertThat(pi).isWaitingAt("Event_CompensateCharge");
      execute(job(pi));
      assertThat(pi).isWaitingAt("Task_ReleasePaymentOnCancel");
      execute(job(pi));

      assertThat(pi).isEnded().hasPassed("EndEvent_RentalCancelled").hasNotPassed("Task_RevokeKey");
      assertThat(view(applied)).extracting(RentalView::status, RentalView::paymentStatus)
          .containsExactly(RentalStatus.CANCELLED, PaymentStatus.NONE);
      verify(payments).refund(applied.id());
    }

    /** The interrupted key task is not compensated, but its worker may have made a key and died: revoke first. */
    @Test
    void beforeTheKeyIsIssuedRevokesWhateverKeyMayExistThenRefunds() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      when(payments.refund(any())).thenReturn(REFUNDED);
      RentalView applied = apply(1);
      ProcessInstance pi = instanceOf(applied);

      cancel(applied);

      assertThat(externalTasks(Topics.ISSUE_KEY, pi)).isZero();
      assertThat(pi).isWaitingAt("Task_RevokeUnconfirmedKey").externalTask().hasTopicName(Topics.REVOKE_KEY);
      assertThat(jobsAt("Event_CompensateCharge", pi)).isZero();
      verify(payments, never()).refund(any());
      complete(externalTask(pi));
      assertThat(pi).isWaitingAt("Event_CompensateCharge");
      execute(job(pi));
      assertThat(pi).isEnded().hasPassed("Task_RevokeUnconfirmedKey", "Task_RefundPayment", "EndEvent_RentalCancelled")
          .hasNotPassed("Task_RevokeKey", "Task_ReleasePaymentOnCancel");
      assertThat(view(applied)).extracting(RentalView::status, RentalView::paymentStatus)
          .containsExactly(RentalStatus.CANCELLED, PaymentStatus.REFUNDED);
    }

    @Test
    void whenActiveRevokesTheKeyBeforeRefunding() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      when(payments.refund(any())).thenReturn(REFUNDED);
      RentalView applied = apply(3);
      ProcessInstance pi = instanceOf(applied);
      complete(externalTask(pi), withVariables(RentalProcess.Variables.KEY, "1234"));

      assertThat(cancel(applied).status()).isEqualTo(RentalStatus.CANCELLING);

      assertThat(pi).isWaitingAt("Task_RevokeKey").externalTask().hasTopicName(Topics.REVOKE_KEY);
      assertThat(jobsAt("Event_CompensateCharge", pi)).isZero();
      verify(payments, never()).refund(any());
      assertThat(view(applied).key()).isNull();

      complete(externalTask(pi));

      assertThat(pi).isWaitingAt("Event_CompensateCharge");
      execute(job(pi));
      // the order that matters: the key's revocation ended before the refund began
      HistoricActivityInstance revoke = historyOf(pi, "Task_RevokeKey");
      HistoricActivityInstance refund = historyOf(pi, "Task_RefundPayment");
      assertThat(revoke.getEndTime()).isNotNull();
      assertThat(refund.getStartTime()).isAfterOrEqualTo(revoke.getEndTime());
      assertThat(historySequence(pi)).containsSubsequence("Task_RevokeKey", "Event_CompensateCharge",
          "Task_RefundPayment");
      verify(payments).refund(applied.id());
      assertThat(pi).isEnded().hasPassed("Task_RevokeKey", "Task_RefundPayment", "EndEvent_RentalCancelled");
      assertThat(view(applied)).extracting(RentalView::status, RentalView::paymentStatus, RentalView::key)
          .containsExactly(RentalStatus.CANCELLED, PaymentStatus.REFUNDED, null);
    }

    @Test
    void aFailingRefundIsRetriedAsAJobNotLost() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      when(payments.refund(any())).thenThrow(new PaymentUnavailableException("down", null)).thenReturn(REFUNDED);
      RentalView applied = apply(1);
      ProcessInstance pi = instanceOf(applied);
      cancel(applied);
      complete(externalTask(pi));

      Job refund = job(pi);
      assertThatThrownBy(() -> engine.getManagementService().executeJob(refund.getId()))
          .hasRootCauseInstanceOf(PaymentUnavailableException.class);

      Job retried = job(pi);
      assertThat(engine.getManagementService().getJobExceptionStacktrace(retried.getId()))
          .contains("PaymentUnavailableException: down");
      assertThat(retried.getRetries()).isEqualTo(5);
      assertThat(view(applied).status()).isEqualTo(RentalStatus.CANCELLING);
      execute(retried);
      assertThat(view(applied).status()).isEqualTo(RentalStatus.CANCELLED);
    }

    @Test
    void repeatingACancelIsHarmless() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      when(payments.refund(any())).thenReturn(REFUNDED);
      RentalView applied = apply(1);
      ProcessInstance pi = instanceOf(applied);

      cancel(applied);
      assertThat(cancel(applied).status()).isEqualTo(RentalStatus.CANCELLING);
      complete(externalTask(pi));
      execute(job(pi));
      assertThat(cancel(applied).status()).isEqualTo(RentalStatus.CANCELLED);

      verify(payments, times(1)).refund(applied.id());
    }

    @Test
    void isRefusedOnceTheRentalTimeIsUp() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      RentalView applied = apply(1);
      ProcessInstance pi = instanceOf(applied);
      complete(externalTask(pi), withVariables(RentalProcess.Variables.KEY, "5555"));
      execute(job(pi));

      assertThatThrownBy(() -> cancel(applied))
          .isInstanceOfSatisfying(ErrorResponseException.class,
              e -> assertThat(e.getStatusCode().value()).isEqualTo(409));
      assertThat(pi).isWaitingAt("Task_RevokeExpiredKey");
      verify(payments, never()).refund(any());
    }

    /** The key service decides whether the vehicle was unlocked, on the key's own row (KeyServiceTest races it). */
    @Test
    void isRefusedOnceTheVehicleWasUnlockedAndTheRentalRidesOn() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      RentalView applied = apply(1);
      ProcessInstance pi = instanceOf(applied);
      complete(externalTask(pi), withVariables(RentalProcess.Variables.KEY, "5555"));
      when(keys.withdraw(applied.id())).thenThrow(keyServiceAnswer(409));

      assertThatThrownBy(() -> cancel(applied))
          .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(409);
            assertThat(e.getBody().getDetail()).contains("Return the vehicle instead");
          });

      assertThat(pi).isWaitingAt("Gateway_RentalEnds");
      assertThat(view(applied)).extracting(RentalView::status, RentalView::key)
          .containsExactly(RentalStatus.ACTIVE, "5555");
      verify(payments, never()).refund(any());
    }

    @Test
    void waitsForTheKeyServiceAndChangesNothingWhileItCannotAnswer() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      RentalView applied = apply(1);
      ProcessInstance pi = instanceOf(applied);
      complete(externalTask(pi), withVariables(RentalProcess.Variables.KEY, "5555"));
      when(keys.withdraw(applied.id())).thenThrow(keyServiceAnswer(503));

      assertThatThrownBy(() -> cancel(applied))
          .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(503);
            assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("5");
          });

      assertThat(pi).isWaitingAt("Gateway_RentalEnds");
      assertThat(view(applied).status()).isEqualTo(RentalStatus.ACTIVE);
    }

    /** Before the key is handed over nobody can have unlocked with it: the process revokes whatever may exist. */
    @Test
    void beforeTheKeyIsHandedOverNeedsNoKeyService() {
      when(payments.charge(any(), any()))
          .thenThrow(new PaymentUnavailableException("down", null))
          .thenReturn(CHARGED);
      RentalView paymentPending = applyFor("bike-02");
      RentalView keyPending = applyFor("bike-03");

      assertThat(cancel(paymentPending).status()).isEqualTo(RentalStatus.CANCELLING);
      assertThat(cancel(keyPending).status()).isEqualTo(RentalStatus.CANCELLING);

      verify(keys, never()).withdraw(any());
    }

    @Test
    void isRefusedForARejectedRental() {
      when(payments.charge(any(), any())).thenThrow(new PaymentDeclinedException("declined"));
      RentalView applied = apply(1);

      assertThatThrownBy(() -> cancel(applied))
          .isInstanceOfSatisfying(ErrorResponseException.class,
              e -> assertThat(e.getStatusCode().value()).isEqualTo(409));
    }
  }

  /** Camunda runs end listeners of interrupted activities too: an outcome counts only where it happens. */
  @Nested
  class Outcomes {

    @Test
    void aTimeUpCountsOneCompletedRental() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      RentalView applied = apply(1);
      ProcessInstance pi = instanceOf(applied);
      complete(externalTask(pi), withVariables(RentalProcess.Variables.KEY, "0427"));
      double completed = outcomes("COMPLETED");

      execute(job(pi));
      complete(externalTask(pi));

      assertThat(pi).isEnded();
      assertThat(outcomes("COMPLETED")).isEqualTo(completed + 1);
      assertThat(view(applied).status()).isEqualTo(RentalStatus.COMPLETED);
    }

    @Test
    void aCancelInEveryStateCountsCancelledAndNeverCompleted() {
      when(payments.charge(any(), any()))
          .thenReturn(CHARGED)
          .thenThrow(new PaymentUnavailableException("down", null))
          .thenReturn(CHARGED);
      when(payments.refund(any())).thenReturn(REFUNDED);
      RentalView active = applyFor("bike-04");
      complete(externalTask(instanceOf(active)), withVariables(RentalProcess.Variables.KEY, "1234"));
      RentalView paymentPending = applyFor("bike-02");
      RentalView keyPending = applyFor("bike-03");
      assertThat(List.of(paymentPending, keyPending, active)).extracting(r -> view(r).status())
          .containsExactly(RentalStatus.PAYMENT_PENDING, RentalStatus.KEY_PENDING, RentalStatus.ACTIVE);
      double completed = outcomes("COMPLETED");
      double cancelled = outcomes("CANCELLED");

      for (RentalView rental : List.of(paymentPending, keyPending, active)) {
        cancel(rental);
        ProcessInstance pi = instanceOf(rental);
        complete(externalTask(pi));
        while (!engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).list().isEmpty()) {
          execute(job(pi));
        }
        assertThat(pi).isEnded().hasPassed("EndEvent_RentalCancelled");
        assertThat(view(rental).status()).isEqualTo(RentalStatus.CANCELLED);
      }

      assertThat(outcomes("CANCELLED")).isEqualTo(cancelled + 3);
      assertThat(outcomes("COMPLETED")).isEqualTo(completed);
    }
  }

  /** What an operator may do to an instance in Cockpit or engine REST, and what the product makes of it. */
  @Nested
  class OperatorEnds {

    @Test
    void aDeletedActiveRentalIsAbortedItsKeyRevokedThenItsMoneyRefunded() {
      RentalView rental = activeRental();
      double aborted = outcomes("ABORTED");
      double completed = outcomes("COMPLETED");

      // as Cockpit deletes by default: custom listeners skipped, so no end listener could notice
      engine.getRuntimeService().deleteProcessInstance(rental.processInstanceId(), "deleted in Cockpit", true);

      assertThat(view(rental)).extracting(RentalView::status, RentalView::paymentStatus, RentalView::key)
          .containsExactly(RentalStatus.ABORTED, PaymentStatus.PAID, null);
      ProcessInstance settlement = settlementOf(rental);
      assertThat(settlement).isWaitingAt("Task_RevokeAbortedKey").externalTask().hasTopicName(Topics.REVOKE_KEY);
      verify(payments, never()).refund(any());

      complete(externalTask(settlement));
      assertThat(settlement).isWaitingAt("Task_RefundAbortedRental");
      verify(payments, never()).refund(any());
      execute(job(settlement));

      assertThat(settlement).isEnded().hasPassed("EndEvent_AbortedRentalSettled");
      verify(payments).refund(rental.id());
      assertThat(view(rental)).extracting(RentalView::status, RentalView::paymentStatus)
          .containsExactly(RentalStatus.ABORTED, PaymentStatus.REFUNDED);
      assertThat(outcomes("ABORTED")).isEqualTo(aborted + 1);
      assertThat(outcomes("COMPLETED")).isEqualTo(completed);
      assertThatThrownBy(() -> cancel(rental)).isInstanceOfSatisfying(ErrorResponseException.class,
          e -> assertThat(e.getStatusCode().value()).isEqualTo(409));
    }

    @Test
    void aModificationThatCancelsEveryActivityAbortsTheRentalToo() {
      RentalView rental = activeRental();

      engine.getRuntimeService().createProcessInstanceModification(rental.processInstanceId())
          .cancelAllForActivity("Gateway_RentalEnds").execute();

      assertThat(view(rental).status()).isEqualTo(RentalStatus.ABORTED);
      assertThat(settlementOf(rental)).isWaitingAt("Task_RevokeAbortedKey");
    }

    @Test
    void deletingARentalWhoseTimeIsUpKeepsItCompletedAndItsMoney() {
      RentalView rental = activeRental();
      ProcessInstance pi = instanceOf(rental);
      execute(job(pi));

      engine.getRuntimeService().deleteProcessInstance(rental.processInstanceId(), "deleted in Cockpit", true);

      assertThat(view(rental)).extracting(RentalView::status, RentalView::paymentStatus)
          .containsExactly(RentalStatus.COMPLETED, PaymentStatus.PAID);
      assertThat(engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey(RentalProcess.ABORT_PROCESS_KEY).count()).isZero();
    }

    @Test
    void aModificationMayNotSkipTheKey() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      RentalView rental = apply(1);

      assertThatThrownBy(() -> engine.getRuntimeService()
          .createProcessInstanceModification(rental.processInstanceId())
          .cancelAllForActivity("Task_IssueKey").startBeforeActivity("Gateway_RentalEnds").execute())
          .hasMessageContaining("has no key");

      assertThat(instanceOf(rental)).isWaitingAt("Task_IssueKey");
      assertThat(view(rental).status()).isEqualTo(RentalStatus.KEY_PENDING);
    }

    @Test
    void aModificationMayNotSkipTheCharge() {
      when(payments.charge(any(), any())).thenThrow(new PaymentUnavailableException("down", null));
      RentalView rental = apply(1);

      assertThatThrownBy(() -> engine.getRuntimeService()
          .createProcessInstanceModification(rental.processInstanceId())
          .cancelAllForActivity("Event_PaymentRetryTimer").startBeforeActivity("Task_IssueKey").execute())
          .hasMessageContaining("is not paid");

      assertThat(instanceOf(rental)).isWaitingAt("Event_PaymentRetryTimer");
      assertThat(view(rental).status()).isEqualTo(RentalStatus.PAYMENT_PENDING);
    }

    /** Cockpit's modification may start any activity: none of those that give money back may run before a revoke. */
    @ParameterizedTest
    @ValueSource(strings = {"Event_CompensateCharge", "Task_ReleasePaymentOnCancel", "Task_ReleasePaymentAfterRetries"})
    void aModificationThatStartsARefundBeforeTheRevokeRefundsNothing(String refundStep) {
      RentalView rental = activeRental();

      engine.getRuntimeService().createProcessInstanceModification(rental.processInstanceId())
          .startBeforeActivity(refundStep).execute();
      Job refund = engine.getManagementService().createJobQuery().processInstanceId(rental.processInstanceId())
          .activityId(refundStep).singleResult();

      assertThatThrownBy(() -> engine.getManagementService().executeJob(refund.getId()))
          .satisfies(e -> assertThat(Causes.find(e, KeyStillValidException.class)).get().extracting(Throwable::getMessage)
              .asString().contains("refund of rental " + rental.id() + " refused: its key may still open the vehicle"));
      verify(payments, never()).refund(any());
      assertThat(view(rental).paymentStatus()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void aSettlementModifiedToSkipItsRevokeRefundsNothingUntilTheKeyIsRevoked() {
      RentalView rental = activeRental();
      engine.getRuntimeService().deleteProcessInstance(rental.processInstanceId(), "deleted in Cockpit", true);
      ProcessInstance settlement = settlementOf(rental);

      engine.getRuntimeService().createProcessInstanceModification(settlement.getId())
          .cancelAllForActivity("Task_RevokeAbortedKey").startBeforeActivity("Task_RefundAbortedRental").execute();

      assertThatThrownBy(() -> engine.getManagementService().executeJob(job(settlement).getId()))
          .satisfies(e -> assertThat(Causes.find(e, KeyStillValidException.class)).isPresent());
      verify(payments, never()).refund(any());
    }

    @Test
    void anAbortWhileThePaymentIsPendingRevokesBeforeItReleasesTheCharge() {
      when(payments.charge(any(), any())).thenThrow(new PaymentUnavailableException("down", null));
      RentalView rental = apply(1);

      engine.getRuntimeService().deleteProcessInstance(rental.processInstanceId(), "deleted in Cockpit", true);

      assertSettledKeyFirst(rental);
    }

    @Test
    void anAbortWhileAWorkerHoldsTheKeyTaskRevokesBeforeItRefunds() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      when(payments.refund(any())).thenReturn(REFUNDED);
      RentalView rental = apply(1);
      ExternalTaskService tasks = engine.getExternalTaskService();
      String locked = tasks.fetchAndLock(1, "key-worker").topic(Topics.ISSUE_KEY, 60_000)
          .businessKey(rental.id()).execute().get(0).getId();

      engine.getRuntimeService().deleteProcessInstance(rental.processInstanceId(), "deleted in Cockpit", true);

      // the worker's report finds its task gone; the key service's tombstone keeps any key it made from working
      assertThatThrownBy(() -> tasks.complete(locked, "key-worker", Map.of(RentalProcess.Variables.KEY, "1357")))
          .hasMessageContaining(locked);
      assertSettledKeyFirst(rental);
    }

    @Test
    void anAbortWhileTheCancelWaitsForTheRevokeRevokesBeforeItRefunds() {
      RentalView rental = activeRental();
      cancel(rental);
      assertThat(instanceOf(rental)).isWaitingAt("Task_RevokeKey");

      engine.getRuntimeService().deleteProcessInstance(rental.processInstanceId(), "deleted in Cockpit", true);

      assertSettledKeyFirst(rental);
    }

    /** The settlement of an aborted rental holds the money while its revoke is open, then gives it back. */
    private void assertSettledKeyFirst(RentalView rental) {
      when(payments.refund(any())).thenReturn(REFUNDED);
      assertThat(view(rental).status()).isEqualTo(RentalStatus.ABORTED);
      ProcessInstance settlement = settlementOf(rental);
      assertThat(settlement).isWaitingAt("Task_RevokeAbortedKey");
      verify(payments, never()).refund(any());

      complete(externalTask(settlement));
      execute(job(settlement));

      assertThat(settlement).isEnded().hasPassed("Task_RevokeAbortedKey", "Task_RefundAbortedRental");
      verify(payments).refund(rental.id());
    }

    private RentalView activeRental() {
      when(payments.charge(any(), any())).thenReturn(CHARGED);
      when(payments.refund(any())).thenReturn(REFUNDED);
      RentalView rental = apply(1);
      complete(externalTask(instanceOf(rental)), withVariables(RentalProcess.Variables.KEY, "2468"));
      assertThat(view(rental).status()).isEqualTo(RentalStatus.ACTIVE);
      return rental;
    }

    private ProcessInstance settlementOf(RentalView rental) {
      return engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey(RentalProcess.ABORT_PROCESS_KEY).processInstanceBusinessKey(rental.id())
          .singleResult();
    }
  }

  private double outcomes(String outcome) {
    return meters.get("rental.outcomes").tag("outcome", outcome).counter().count();
  }

  private RentalView applyFor(String mobilityId) {
    return applyForRental.apply(CUSTOMER, mobilityId, 1, null, null);
  }

  private RentalView apply(int hours) {
    return applyForRental.apply(CUSTOMER, BIKE, hours, null, null);
  }

  private RentalView cancel(RentalView rental) {
    return cancelRental.cancel(CUSTOMER, rental.id());
  }

  private RentalView view(RentalView rental) {
    return readModel.findOwned(rental.id(), CUSTOMER).orElseThrow();
  }

  private HistoricActivityInstance historyOf(ProcessInstance pi, String activityId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(activityId).singleResult();
  }

  /** The activities of the instance in the order they began. */
  private List<String> historySequence(ProcessInstance pi) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .orderPartiallyByOccurrence().asc().list().stream().map(HistoricActivityInstance::getActivityId).toList();
  }

  private long externalTasks(String topic, ProcessInstance pi) {
    return engine.getExternalTaskService().createExternalTaskQuery().topicName(topic)
        .processInstanceId(pi.getId()).count();
  }

  private long jobsAt(String activityId, ProcessInstance pi) {
    return engine.getManagementService().createJobQuery().activityId(activityId)
        .processInstanceId(pi.getId()).count();
  }

  private static PaymentReceipt receipt(String status) {
    return new PaymentReceipt("any", status, BigDecimal.ZERO, BigDecimal.ZERO, "EUR", Instant.now());
  }
}
