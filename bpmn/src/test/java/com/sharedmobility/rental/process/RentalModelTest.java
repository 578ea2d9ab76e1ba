package com.sharedmobility.rental.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.junit.jupiter.api.Test;

/** The model and the shared names stay in step, and the model keeps the habits of the team. */
class RentalModelTest {

  private final BpmnModelInstance model = read("rental.bpmn");

  @Test
  void processKeyTopicsMessageAndErrorsMatchTheConstants() {
    assertThat((Object) model.getModelElementById(RentalProcess.PROCESS_KEY)).isInstanceOf(Process.class);
    Set<String> topics = model.getModelElementsByType(ServiceTask.class).stream()
        .map(ServiceTask::getCamundaTopic).filter(t -> t != null).collect(Collectors.toSet());
    assertThat(topics).containsExactlyInAnyOrder(RentalProcess.Topics.ISSUE_KEY, RentalProcess.Topics.REVOKE_KEY,
        RentalProcess.Topics.REGISTER_KEY, RentalProcess.Topics.EXTEND_KEY);
    assertThat((Object) model.getModelElementById(RentalProcess.Activities.RENTAL_TIME_UP))
        .isInstanceOf(IntermediateCatchEvent.class);
    assertThat(model.getModelElementsByType(Message.class)).extracting(Message::getName)
        .containsExactlyInAnyOrder(RentalProcess.Messages.CANCEL_RENTAL, RentalProcess.Messages.RETURN_VEHICLE,
            RentalProcess.Messages.EXTEND_RENTAL);
    assertThat(model.getModelElementsByType(Error.class)).extracting(Error::getErrorCode)
        .containsExactlyInAnyOrder(RentalProcess.Errors.PAYMENT_DECLINED, RentalProcess.Errors.PAYMENT_UNAVAILABLE,
            RentalProcess.Errors.KEY_NOT_ISSUABLE, RentalProcess.Errors.KEY_REJECTED);
    assertThat((Object) model.getModelElementById(RentalProcess.Activities.ISSUE_KEY_MANUALLY))
        .isInstanceOf(UserTask.class);
  }

  @Test
  void bothModelsCarryTheirVersionTag() {
    assertThat(((Process) model.getModelElementById(RentalProcess.PROCESS_KEY)).getCamundaVersionTag())
        .isEqualTo(RentalProcess.MODEL_VERSION);
    assertThat(((Process) read("rental-abort.bpmn").getModelElementById(RentalProcess.ABORT_PROCESS_KEY))
        .getCamundaVersionTag()).isEqualTo("1");
  }

  /** The refunds' guard reads the history for a completed revoke: it must know every task that revokes a key. */
  @Test
  void everyTaskThatRevokesAKeyIsAKeyRevoker() {
    Set<String> revokers = List.of(model, read("rental-abort.bpmn")).stream()
        .flatMap(each -> each.getModelElementsByType(ServiceTask.class).stream())
        .filter(task -> RentalProcess.Topics.REVOKE_KEY.equals(task.getCamundaTopic()))
        .map(ServiceTask::getId)
        .collect(Collectors.toSet());
    assertThat(revokers).isEqualTo(RentalProcess.Activities.KEY_REVOKERS);
  }

  @Test
  void everyElementHasAMeaningfulId() {
    Collection<FlowElement> elements = model.getModelElementsByType(FlowElement.class);
    assertThat(elements).isNotEmpty().allSatisfy(e ->
        assertThat(e.getId()).matches("(Task|Event|StartEvent|EndEvent|Boundary|Gateway|Flow|SubProcess)_[A-Z][A-Za-z]+"));
  }

  /**
   * Camunda runs an activity's end listeners also when it is interrupted (a cancel, an operator's delete): a status
   * written there would claim an outcome that never happened. Statuses are written on entering an element.
   */
  @Test
  void noStatusIsWrittenByAnEndListener() {
    for (BpmnModelInstance each : List.of(model, read("rental-abort.bpmn"))) {
      assertThat(each.getModelElementsByType(CamundaExecutionListener.class))
          .isNotEmpty()
          .allSatisfy(listener -> assertThat(listener.getCamundaEvent()).isEqualTo("start"));
    }
  }

  @Test
  void theSettlementOfAnAbortedRentalRevokesTheKeyBeforeItRefunds() {
    BpmnModelInstance abort = read("rental-abort.bpmn");
    assertThat((Object) abort.getModelElementById(RentalProcess.ABORT_PROCESS_KEY)).isInstanceOf(Process.class);
    ServiceTask revoke = abort.getModelElementById("Task_RevokeAbortedKey");
    assertThat(revoke.getCamundaTopic()).isEqualTo(RentalProcess.Topics.REVOKE_KEY);
    assertThat(revoke.getOutgoing()).singleElement()
        .satisfies(f -> assertThat(f.getTarget().getId()).isEqualTo("Task_RefundAbortedRental"));
    assertThat(abort.getModelElementsByType(FlowElement.class)).allSatisfy(e ->
        assertThat(e.getId()).matches("(Task|StartEvent|EndEvent|Flow)_[A-Z][A-Za-z]+"));
  }

  /**
   * Compensation is thrown once per activity, keys before the charge: one throw would refund before the key is
   * revoked.
   */
  @Test
  void cancelCompensatesTheKeysBeforeTheCharge() {
    ThrowEvent key = model.getModelElementById("Event_CompensateKey");
    ThrowEvent manualKey = model.getModelElementById("Event_CompensateManualKey");
    ThrowEvent charge = model.getModelElementById("Event_CompensateCharge");
    assertThat(activityRef(key)).isEqualTo("Task_IssueKey");
    assertThat(activityRef(manualKey)).isEqualTo("Task_RegisterManualKey");
    assertThat(activityRef(charge)).isEqualTo("Task_ChargePayment");
    assertThat(key.getOutgoing()).singleElement().satisfies(f -> assertThat(f.getTarget()).isEqualTo(manualKey));
    // then an interrupted key task's key, if its worker made one, is revoked before the refund
    FlowNode keyConfirmed = model.getModelElementById("Gateway_KeyConfirmed");
    FlowNode keyRevoked = model.getModelElementById("Gateway_KeyRevoked");
    assertThat(manualKey.getOutgoing()).singleElement()
        .satisfies(f -> assertThat(f.getTarget()).isEqualTo(keyConfirmed));
    assertThat(keyConfirmed.getOutgoing()).extracting(f -> f.getTarget().getId())
        .containsExactlyInAnyOrder("Task_RevokeUnconfirmedKey", "Gateway_KeyRevoked");
    assertThat(keyRevoked.getOutgoing()).singleElement().satisfies(f -> assertThat(f.getTarget()).isEqualTo(charge));
  }

  private static String activityRef(ThrowEvent event) {
    CompensateEventDefinition definition = (CompensateEventDefinition) event.getEventDefinitions().iterator().next();
    return ((BaseElement) definition.getActivity()).getId();
  }

  private static BpmnModelInstance read(String resource) {
    InputStream bpmn = RentalModelTest.class.getClassLoader().getResourceAsStream(resource);
    return Bpmn.readModelFromStream(bpmn);
  }
}
