package com.sharedmobility.key.worker;

import static com.sharedmobility.key.worker.ExternalTasks.registerKeyTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.sharedmobility.key.PostgresBackedTest;
import com.sharedmobility.key.store.KeyService;
import com.sharedmobility.key.store.KeyState;
import com.sharedmobility.rental.process.RentalProcess.Errors;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The register-key handler: the key an operator chose, against a mocked engine client and the real store. */
class KeyRegisterWorkerTest extends PostgresBackedTest {

  @Autowired
  private KeyRegisterWorker worker;
  @Autowired
  private KeyService keys;

  private final ExternalTaskService service = mock(ExternalTaskService.class);

  @Test
  void registersTheOperatorsKeyAndHandsItToTheProcess() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();

    worker.execute(registerKeyTask(rentalId, mobilityId, "4321"), service);

    verify(service).complete(any(ExternalTask.class), eq(Map.of(Variables.KEY, "4321")));
    assertThat(keys.verify(mobilityId, "4321", "test")).contains(rentalId);
  }

  @Test
  void aKeyThatOpensAnotherRentalOfTheVehicleGoesBackToTheOperator() {
    String mobilityId = newMobilityId();
    String other = newRentalId();
    keys.register(other, mobilityId, "1111", Duration.ofHours(1));
    String rentalId = newRentalId();

    worker.execute(registerKeyTask(rentalId, mobilityId, "1111"), service);

    verify(service).handleBpmnError(any(ExternalTask.class), eq(Errors.KEY_REJECTED), contains("another rental"));
    verify(service, never()).complete(any(ExternalTask.class), anyMap());
    assertThat(keys.find(rentalId)).isEmpty();
  }

  @Test
  void aMalformedKeyGoesBackToTheOperator() {
    worker.execute(registerKeyTask(newRentalId(), newMobilityId(), "12a4"), service);

    verify(service).handleBpmnError(any(ExternalTask.class), eq(Errors.KEY_REJECTED), contains("4 digits"));
  }

  @Test
  void anExpiredKeyOfTheRentalIsReplacedAsTheOperatorDecided() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();
    keys.issue(rentalId, mobilityId, Duration.ofSeconds(4));
    clock.advance(Duration.ofSeconds(5));

    worker.execute(registerKeyTask(rentalId, mobilityId, "2468"), service);

    verify(service).complete(any(ExternalTask.class), eq(Map.of(Variables.KEY, "2468")));
    assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.ISSUED);
    assertThat(keys.verify(mobilityId, "2468", "test")).contains(rentalId);
  }

  /** A revoke means the rental was cancelled or ended: no operator's key may open the vehicle for it afterwards. */
  @Test
  void aRevokedRentalGetsNoManualKey() {
    String mobilityId = newMobilityId();
    String revokedKey = newRentalId();
    keys.issue(revokedKey, mobilityId, Duration.ofHours(1));
    keys.revoke(revokedKey);
    String revokedBeforeAnyKey = newRentalId();
    keys.revoke(revokedBeforeAnyKey);

    for (String rentalId : List.of(revokedKey, revokedBeforeAnyKey)) {
      worker.execute(registerKeyTask(rentalId, mobilityId, "2468"), service);

      assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.REVOKED);
    }
    verify(service, never()).complete(any(ExternalTask.class), anyMap());
    verify(service, times(2)).handleFailure(any(ExternalTask.class), contains(" never "), anyString(), eq(0),
        anyLong());
    assertThat(keys.verify(mobilityId, "2468", "test")).isEmpty();
  }

  @Test
  void redeliveryOfTheSameKeyIsHarmless() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();

    worker.execute(registerKeyTask(rentalId, mobilityId, "1357"), service);
    worker.execute(registerKeyTask(rentalId, mobilityId, "1357"), service);

    verify(service, times(2)).complete(any(ExternalTask.class), eq(Map.of(Variables.KEY, "1357")));
  }
}
