package com.sharedmobility.key.worker;

import static com.sharedmobility.key.worker.ExternalTasks.issueKeyTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.sharedmobility.key.PostgresBackedTest;
import com.sharedmobility.key.store.KeyService;
import com.sharedmobility.key.store.KeyState;
import com.sharedmobility.rental.process.RentalProcess.Errors;
import com.sharedmobility.rental.process.RentalProcess.Topics;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.client.exception.ConnectionLostException;
import org.camunda.bpm.client.exception.EngineException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.exception.RestException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;

/** The issue-key handler against a mocked engine client and the real key store. */
class KeyIssueWorkerTest extends PostgresBackedTest {

  @Autowired
  private KeyIssueWorker worker;
  @Autowired
  private KeyService keys;

  private final ExternalTaskService service = mock(ExternalTaskService.class);

  @Test
  void completesTheTaskWithAFourDigitKeyValidForTheRentalDuration() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();

    worker.execute(issueKeyTask(rentalId, mobilityId, "PT2H"), service);

    String key = completedKey(service);
    assertThat(key).matches("\\d{4}");
    assertThat(keys.verify(mobilityId, key, "test")).contains(rentalId);
    var stored = keys.find(rentalId).orElseThrow();
    assertThat(Duration.between(stored.issuedAt(), stored.validUntil())).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aRedeliveredTaskGetsTheSameKey() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();
    ExternalTaskService secondDelivery = mock(ExternalTaskService.class);

    worker.execute(issueKeyTask(rentalId, mobilityId, "PT4S"), service);
    worker.execute(issueKeyTask(rentalId, mobilityId, "PT4S"), secondDelivery);

    assertThat(completedKey(secondDelivery)).isEqualTo(completedKey(service));
  }

  @Test
  void readsTheRentalIdFromTheBusinessKeyWhenTheVariableIsMissing() {
    String rentalId = newRentalId();
    ExternalTask task = ExternalTasks.task(Topics.ISSUE_KEY, rentalId,
        Map.of(Variables.MOBILITY_ID, newMobilityId(), Variables.RENTAL_DURATION, "PT1H"));

    worker.execute(task, service);

    assertThat(completedKey(service)).matches("\\d{4}");
    assertThat(keys.find(rentalId)).isPresent();
  }

  /**
   * This worker's lock ran out, another worker completed the task with the same key (issuing is idempotent) and the
   * rental is ACTIVE with it: this worker's late completion finds the task gone and must leave the key working. A
   * cancel, the other way a task disappears, revokes the unconfirmed key in the process itself.
   */
  @Test
  void keepsTheKeyWhenTheTaskVanishedBeforeCompletion() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();
    doThrow(new NotFoundException("External task does not exist", new RestException("gone", "NotFound", 404)))
        .when(service).complete(any(ExternalTask.class), anyMap());

    worker.execute(issueKeyTask(rentalId, mobilityId, "PT2H"), service);

    assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.ISSUED);
    verify(service, never()).handleFailure(any(ExternalTask.class), any(), any(), anyInt(), anyLong());
  }

  /** A complete that loses a race fails with a conflict first; the failure report finds the task gone. */
  @Test
  void keepsTheKeyWhenCompletionConflictedAndTheTaskIsGone() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();
    doThrow(new EngineException("OptimisticLockingException",
        new RestException("conflict", "OptimisticLockingException", 500)))
        .when(service).complete(any(ExternalTask.class), anyMap());
    doThrow(new NotFoundException("External task does not exist", new RestException("gone", "NotFound", 404)))
        .when(service).handleFailure(any(ExternalTask.class), any(), any(), anyInt(), anyLong());

    worker.execute(issueKeyTask(rentalId, mobilityId, "PT2H"), service);

    assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.ISSUED);
  }

  @Test
  void keepsTheKeyWhenCompletionFailedButTheTaskStillExists() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();
    doThrow(new EngineException("OptimisticLockingException",
        new RestException("conflict", "OptimisticLockingException", 500)))
        .when(service).complete(any(ExternalTask.class), anyMap());

    worker.execute(issueKeyTask(rentalId, mobilityId, "PT2H"), service);

    assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.ISSUED);
    verify(service).handleFailure(any(ExternalTask.class), any(), any(), eq(3), anyLong());
  }

  @Test
  void reportsOtherFailuresWithFewerRetriesAndLongerWaitsUntilAnIncident() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();
    doThrow(new ConnectionLostException("engine unreachable", new IOException("connection reset")))
        .when(service).complete(any(ExternalTask.class), anyMap());

    for (Integer retriesBefore : new Integer[] {null, 3, 2, 1}) {
      ExternalTask task = issueKeyTask(rentalId, mobilityId, "PT2H");
      doReturn(retriesBefore).when(task).getRetries();
      worker.execute(task, service);
    }

    verify(service).handleFailure(any(ExternalTask.class), contains("engine unreachable"), anyString(), eq(3),
        eq(5_000L));
    verify(service).handleFailure(any(ExternalTask.class), anyString(), anyString(), eq(2), eq(10_000L));
    verify(service).handleFailure(any(ExternalTask.class), anyString(), anyString(), eq(1), eq(20_000L));
    verify(service).handleFailure(any(ExternalTask.class), anyString(), anyString(), eq(0), eq(40_000L));
    assertThat(keys.find(rentalId).orElseThrow().state())
        .as("the key stays for the retry, which hands over the same one")
        .isEqualTo(KeyState.ISSUED);
  }

  @Test
  void aTaskThatCanNeverSucceedBecomesAnIncidentAtOnce() {
    String rentalId = newRentalId();

    worker.execute(issueKeyTask(rentalId, newMobilityId(), "two hours"), service);

    verify(service).handleFailure(any(ExternalTask.class), contains(Variables.RENTAL_DURATION), anyString(), eq(0),
        anyLong());
    verify(service, never()).complete(any(ExternalTask.class), anyMap());
    assertThat(keys.find(rentalId)).isEmpty();
  }

  @Test
  void doesNotIssueASecondKeyForARevokedRentalButAsksAnOperator() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();
    keys.issue(rentalId, mobilityId, Duration.ofHours(1));
    keys.revoke(rentalId);

    worker.execute(issueKeyTask(rentalId, mobilityId, "PT1H"), service);

    verify(service).handleBpmnError(any(ExternalTask.class), eq(Errors.KEY_NOT_ISSUABLE), contains("REVOKED"));
    verify(service, never()).complete(any(ExternalTask.class), anyMap());
    verify(service, never()).handleFailure(any(ExternalTask.class), any(), any(), anyInt(), anyLong());
  }

  /**
   * Bug C of docs/reliability.md: the worker fetched the task before a cancel, whose revoke ran (no key yet) and whose
   * refund followed, so the task is gone when the worker gets to it. No key may become live after that revoke.
   */
  @Test
  void aTaskWhoseRentalWasRevokedBeforeAnyKeyMakesNoKey() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();
    keys.revoke(rentalId);
    doThrow(new NotFoundException("External task does not exist", new RestException("gone", "NotFound", 404)))
        .when(service).handleBpmnError(any(ExternalTask.class), anyString(), anyString());

    worker.execute(issueKeyTask(rentalId, mobilityId, "PT2H"), service);

    verify(service).handleBpmnError(any(ExternalTask.class), eq(Errors.KEY_NOT_ISSUABLE),
        contains("before it had a key"));
    verify(service, never()).complete(any(ExternalTask.class), anyMap());
    verify(service, never()).handleFailure(any(ExternalTask.class), any(), any(), anyInt(), anyLong());
    var key = keys.find(rentalId).orElseThrow();
    assertThat(key.state()).isEqualTo(KeyState.REVOKED);
    assertThat(key.issuedAt()).as("no key was ever made").isNull();
  }

  @SuppressWarnings("unchecked")
  private static String completedKey(ExternalTaskService service) {
    ArgumentCaptor<Map<String, Object>> variables = ArgumentCaptor.forClass(Map.class);
    verify(service).complete(any(ExternalTask.class), variables.capture());
    assertThat(variables.getValue()).containsOnlyKeys(Variables.KEY);
    return (String) variables.getValue().get(Variables.KEY);
  }
}
