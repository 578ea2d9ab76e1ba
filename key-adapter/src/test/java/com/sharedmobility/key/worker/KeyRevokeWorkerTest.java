package com.sharedmobility.key.worker;

import static com.sharedmobility.key.worker.ExternalTasks.revokeKeyTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.sharedmobility.key.PostgresBackedTest;
import com.sharedmobility.key.store.KeyService;
import com.sharedmobility.key.store.KeyState;
import com.sharedmobility.key.store.KeySummary;
import java.time.Duration;
import org.camunda.bpm.client.exception.EngineException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.exception.RestException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The revoke-key handler against a mocked engine client and the real key store. */
class KeyRevokeWorkerTest extends PostgresBackedTest {

  @Autowired
  private KeyRevokeWorker worker;
  @Autowired
  private KeyService keys;

  private final ExternalTaskService service = mock(ExternalTaskService.class);

  @Test
  void revokesTheKeyAndCompletes() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();
    String code = keys.issue(rentalId, mobilityId, Duration.ofHours(1));

    worker.execute(revokeKeyTask(rentalId), service);

    verify(service).complete(any(ExternalTask.class));
    assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.REVOKED);
    assertThat(keys.verify(mobilityId, code, "test")).isEmpty();
  }

  @Test
  void revokingTwiceCompletesBothTimesAndChangesNothingTheSecondTime() {
    String rentalId = newRentalId();
    keys.issue(rentalId, newMobilityId(), Duration.ofHours(1));
    worker.execute(revokeKeyTask(rentalId), service);
    KeySummary afterFirst = keys.find(rentalId).orElseThrow();
    clock.advance(Duration.ofSeconds(30));

    worker.execute(revokeKeyTask(rentalId), service);

    verify(service, times(2)).complete(any(ExternalTask.class));
    assertThat(keys.find(rentalId).orElseThrow()).isEqualTo(afterFirst);
  }

  @Test
  void completesWhenTheRentalNeverGotAKeyAndBarsItFromOne() {
    String rentalId = newRentalId();

    worker.execute(revokeKeyTask(rentalId), service);

    verify(service).complete(any(ExternalTask.class));
    assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.REVOKED);
  }

  @Test
  void aVanishedTaskIsNoFailure() {
    String rentalId = newRentalId();
    keys.issue(rentalId, newMobilityId(), Duration.ofHours(1));
    doThrow(new NotFoundException("gone", new RestException("gone", "NotFound", 404)))
        .when(service).complete(any(ExternalTask.class));

    worker.execute(revokeKeyTask(rentalId), service);

    assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.REVOKED);
    verify(service, never()).handleFailure(any(ExternalTask.class), any(), any(), anyInt(), anyLong());
  }

  @Test
  void aFailedCompletionIsRetriedLikeEveryKeyTask() {
    String rentalId = newRentalId();
    doThrow(new EngineException("engine error", new RestException("boom", "ProcessEngineException", 500)))
        .when(service).complete(any(ExternalTask.class));

    worker.execute(revokeKeyTask(rentalId), service);

    verify(service).handleFailure(any(ExternalTask.class), anyString(), anyString(), eq(3), eq(5_000L));
  }
}
