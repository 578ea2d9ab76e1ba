package com.sharedmobility.key.worker;

import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

import com.sharedmobility.rental.process.RentalProcess.Topics;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.client.task.ExternalTask;

/** Mocked external tasks as the engine would deliver them to the key workers. */
final class ExternalTasks {

  private ExternalTasks() {
  }

  static ExternalTask issueKeyTask(String rentalId, String mobilityId, String rentalDuration) {
    return task(Topics.ISSUE_KEY, rentalId, Map.of(Variables.RENTAL_ID, rentalId, Variables.MOBILITY_ID,
        mobilityId, Variables.RENTAL_DURATION, rentalDuration));
  }

  static ExternalTask registerKeyTask(String rentalId, String mobilityId, String manualKey) {
    return task(Topics.REGISTER_KEY, rentalId, Map.of(Variables.RENTAL_ID, rentalId, Variables.MOBILITY_ID,
        mobilityId, Variables.RENTAL_DURATION, "PT1H", Variables.MANUAL_KEY, manualKey));
  }

  static ExternalTask revokeKeyTask(String rentalId) {
    return task(Topics.REVOKE_KEY, rentalId, Map.of(Variables.RENTAL_ID, rentalId));
  }

  static ExternalTask extendKeyTask(String rentalId, String rentalDuration) {
    return task(Topics.EXTEND_KEY, rentalId,
        Map.of(Variables.RENTAL_ID, rentalId, Variables.RENTAL_DURATION, rentalDuration));
  }

  static ExternalTask task(String topic, String businessKey, Map<String, Object> variables) {
    ExternalTask task = mock(ExternalTask.class);
    doReturn(UUID.randomUUID().toString()).when(task).getId();
    doReturn(topic).when(task).getTopicName();
    doReturn(businessKey).when(task).getBusinessKey();
    // a task that never failed has no retries set; Mockito would answer 0
    doReturn(null).when(task).getRetries();
    variables.forEach((name, value) -> doReturn(value).when(task).getVariable(name));
    return task;
  }
}
