package com.sharedmobility.key.worker;

import static com.sharedmobility.key.worker.ExternalTasks.extendKeyTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.sharedmobility.key.PostgresBackedTest;
import com.sharedmobility.key.store.KeyService;
import com.sharedmobility.key.store.KeyState;
import com.sharedmobility.key.store.KeySummary;
import java.time.Duration;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The extend-key handler against a mocked engine client and the real key store. */
class KeyExtendWorkerTest extends PostgresBackedTest {

  @Autowired
  private KeyExtendWorker worker;
  @Autowired
  private KeyService keys;

  private final ExternalTaskService service = mock(ExternalTaskService.class);

  @Test
  void theKeyLastsTheRentalsNewDurationFromItsIssueAndOpensTheVehicleThen() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();
    String code = keys.issue(rentalId, mobilityId, Duration.ofHours(1));
    KeySummary issued = keys.find(rentalId).orElseThrow();
    clock.advance(Duration.ofMinutes(30));

    worker.execute(extendKeyTask(rentalId, "PT3H"), service);

    verify(service).complete(any(ExternalTask.class));
    KeySummary extended = keys.find(rentalId).orElseThrow();
    assertThat(Duration.between(issued.validUntil(), extended.validUntil())).isEqualTo(Duration.ofHours(2));
    clock.advance(Duration.ofHours(2));
    assertThat(keys.verify(mobilityId, code, "test")).contains(rentalId);
  }

  @Test
  void aRepeatOrAShorterDurationNeverShortensTheKey() {
    String rentalId = newRentalId();
    keys.issue(rentalId, newMobilityId(), Duration.ofHours(1));
    worker.execute(extendKeyTask(rentalId, "PT3H"), service);
    KeySummary extended = keys.find(rentalId).orElseThrow();

    worker.execute(extendKeyTask(rentalId, "PT3H"), service);
    worker.execute(extendKeyTask(rentalId, "PT2H"), service);

    assertThat(keys.find(rentalId).orElseThrow()).isEqualTo(extended);
  }

  @Test
  void aRevokedKeyStaysRevokedAndARentalWithoutKeyGetsNone() {
    String revoked = newRentalId();
    keys.issue(revoked, newMobilityId(), Duration.ofHours(1));
    keys.revoke(revoked);
    String keyless = newRentalId();

    worker.execute(extendKeyTask(revoked, "PT3H"), service);
    worker.execute(extendKeyTask(keyless, "PT3H"), service);

    assertThat(keys.find(revoked).orElseThrow().state()).isEqualTo(KeyState.REVOKED);
    assertThat(keys.find(keyless)).isEmpty();
    verify(service, never()).handleFailure(any(ExternalTask.class), anyString(), anyString(), anyInt(), anyLong());
  }

  @Test
  void aMalformedDurationIsAFailureThatNoRetryMends() {
    String rentalId = newRentalId();
    keys.issue(rentalId, newMobilityId(), Duration.ofHours(1));

    worker.execute(extendKeyTask(rentalId, "three hours"), service);

    verify(service).handleFailure(any(ExternalTask.class), anyString(), anyString(), eq(0),
        anyLong());
    verify(service, never()).complete(any(ExternalTask.class));
  }
}
