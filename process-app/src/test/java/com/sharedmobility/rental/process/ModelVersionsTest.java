package com.sharedmobility.rental.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.payment.PaymentUnavailableException;
import com.sharedmobility.rental.process.RentalProcess.Errors;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplyForRental;
import com.sharedmobility.rental.usecase.CancelRental;
import com.sharedmobility.rental.usecase.ExtendRental;
import com.sharedmobility.rental.usecase.RentalProblem;
import com.sharedmobility.rental.usecase.ReturnVehicle;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A new model version deployed while rentals of the one before wait at every wait state: each finishes on its own
 * version with the code of today, and new rentals start on the new one. Version 1 is the model as it was before
 * returns and extensions (test resource models/rental-v1.bpmn.xml): its rentals can be neither returned nor extended,
 * and are told so without a charge.
 */
class ModelVersionsTest extends RentalTestBase {

  private static final String CUSTOMER = "alice";
  /** Not named *.bpmn: Spring Boot's auto-deployment would deploy it beside today's model at start. */
  private static final String VERSION_ONE = "/models/rental-v1.bpmn.xml";

  @Autowired
  RepositoryService repository;
  @Autowired
  ApplyForRental applyForRental;
  @Autowired
  CancelRental cancelRental;
  @Autowired
  ReturnVehicle returnVehicle;
  @Autowired
  ExtendRental extendRental;
  @Autowired
  RentalReadModel readModel;

  private Deployment versionOne;
  private Deployment versionTwo;

  @AfterEach
  void removeTheDeployments() {
    // the test's own deployments go; the one Spring Boot made at start is the latest again
    for (Deployment deployment : new Deployment[] {versionTwo, versionOne}) {
      if (deployment != null) {
        repository.deleteDeployment(deployment.getId(), true);
      }
    }
  }

  @Test
  void rentalsOfTheVersionBeforeFinishOnItWithTodaysCode() {
    versionOne = repository.createDeployment().name("rental, version 1")
        .addInputStream("rental-v1.bpmn", getClass().getResourceAsStream(VERSION_ONE)).deploy();
    when(payments.charge(any(), any()))
        .thenThrow(new PaymentUnavailableException("down", null))
        .thenReturn(CHARGED);
    when(payments.refund(any())).thenReturn(REFUNDED);
    RentalView paymentRetry = apply("bike-01");
    RentalView keyTask = apply("bike-02");
    RentalView manualKey = apply("bike-03");
    failWithBpmnError(manualKey, Errors.KEY_NOT_ISSUABLE);
    RentalView timeUp = apply("bike-04");
    completeExternalTask(timeUp, Map.of(RentalProcess.Variables.KEY, "1111"));
    RentalView cancelling = apply("bike-05");
    completeExternalTask(cancelling, Map.of(RentalProcess.Variables.KEY, "2222"));
    cancelRental.cancel(CUSTOMER, cancelling.id());
    assertThat(instanceOf(paymentRetry)).isWaitingAt("Event_PaymentRetryTimer");
    assertThat(instanceOf(keyTask)).isWaitingAt("Task_IssueKey");
    assertThat(instanceOf(manualKey)).isWaitingAt("Task_IssueKeyManually");
    assertThat(instanceOf(timeUp)).isWaitingAt("Event_RentalTimeUp");
    assertThat(instanceOf(cancelling)).isWaitingAt("Task_RevokeKey");

    versionTwo = repository.createDeployment().name("rental, version 2").addClasspathResource("rental.bpmn").deploy();

    RentalView started = apply("bike-06");
    assertThat(versionTagOf(started)).isEqualTo(RentalProcess.MODEL_VERSION);
    for (RentalView rental : List.of(paymentRetry, keyTask, manualKey, timeUp, cancelling)) {
      assertThat(versionTagOf(rental)).as("rental %s", rental.id()).isEqualTo("1");
    }

    // an ACTIVE rental of version 1 is neither returned nor extended, and nothing is charged for trying
    assertThat(refusal(() -> returnVehicle.returnVehicle(CUSTOMER, timeUp.id())).kind())
        .isEqualTo(RentalProblem.Kind.NOT_RETURNABLE);
    assertThat(refusal(() -> extendRental.extend(CUSTOMER, timeUp.id(), 1)).kind())
        .isEqualTo(RentalProblem.Kind.NOT_EXTENDABLE);
    verify(payments, never()).extend(any(), any(), any(), any());

    execute(job(instanceOf(paymentRetry)));
    completeKeyTask(paymentRetry, "3333");
    completeKeyTask(keyTask, "4444");
    complete(task(instanceOf(manualKey)), withVariables(RentalProcess.Variables.MANUAL_KEY, "5555"));
    completeExternalTask(manualKey, Map.of(RentalProcess.Variables.KEY, "5555"));
    for (RentalView rental : List.of(paymentRetry, keyTask, manualKey, timeUp)) {
      assertThat(view(rental).status()).as("rental %s", rental.id()).isEqualTo(RentalStatus.ACTIVE);
      execute(job(instanceOf(rental)));
      completeExternalTask(rental, Map.of());
      assertThat(instanceOf(rental)).isEnded().hasPassed("EndEvent_RentalCompleted");
      assertThat(view(rental).status()).isEqualTo(RentalStatus.COMPLETED);
    }
    completeExternalTask(cancelling, Map.of());
    execute(job(instanceOf(cancelling)));
    assertThat(instanceOf(cancelling)).isEnded().hasPassed("EndEvent_RentalCancelled");
    assertThat(view(cancelling).status()).isEqualTo(RentalStatus.CANCELLED);
    verify(payments).refund(cancelling.id());
  }

  private void completeKeyTask(RentalView rental, String key) {
    completeExternalTask(rental, Map.of(RentalProcess.Variables.KEY, key));
  }

  /** As the key worker does, for the one open task of this rental (other rentals have tasks of the topic too). */
  private void completeExternalTask(RentalView rental, Map<String, Object> variables) {
    var service = engine.getExternalTaskService();
    String topic = service.createExternalTaskQuery().processInstanceId(rental.processInstanceId()).singleResult()
        .getTopicName();
    var locked = service.fetchAndLock(1, "test").topic(topic, 60_000).businessKey(rental.id()).execute().get(0);
    service.complete(locked.getId(), "test", variables);
  }

  private void failWithBpmnError(RentalView rental, String errorCode) {
    var service = engine.getExternalTaskService();
    var locked = service.fetchAndLock(1, "test").topic(RentalProcess.Topics.ISSUE_KEY, 60_000)
        .businessKey(rental.id()).execute().get(0);
    service.handleBpmnError(locked.getId(), "test", errorCode, "no free code",
        Map.of(RentalProcess.Variables.KEY_PROBLEM, "no free code"));
  }

  private String versionTagOf(RentalView rental) {
    String definitionId = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(rental.processInstanceId()).singleResult().getProcessDefinitionId();
    return repository.getProcessDefinition(definitionId).getVersionTag();
  }

  private static RentalProblem refusal(Runnable call) {
    return catchThrowableOfType(RentalProblem.class, call::run);
  }

  private RentalView apply(String vehicle) {
    return applyForRental.apply(CUSTOMER, vehicle, 2, null, null);
  }

  private RentalView view(RentalView rental) {
    return readModel.findOwned(rental.id(), CUSTOMER).orElseThrow();
  }
}
