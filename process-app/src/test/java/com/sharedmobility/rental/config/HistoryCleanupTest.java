package com.sharedmobility.rental.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.process.RentalProcess;
import java.time.LocalTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

/** The engine's history does not grow without bound: every model has a time to live and cleanup runs at night. */
class HistoryCleanupTest extends RentalTestBase {

  @Test
  void everyDeployedModelHasAHistoryTimeToLive() {
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(RentalProcess.PROCESS_KEY)
        .latestVersion().singleResult().getHistoryTimeToLive()).isEqualTo(30);
    assertThat(engine.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey(RentalProcess.PRICING_DECISION_KEY).latestVersion().singleResult()
        .getHistoryTimeToLive()).isEqualTo(30);
  }

  @Test
  void cleanupIsScheduledInTheNightWindow() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    assertThat(engine.getHistoryService().findHistoryCleanupJobs()).isNotEmpty().allSatisfy((Job job) -> {
      LocalTime due = job.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
      assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
    });
  }
}
