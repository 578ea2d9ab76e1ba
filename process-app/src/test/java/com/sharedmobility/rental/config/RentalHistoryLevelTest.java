package com.sharedmobility.rental.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.payment.PaymentUnavailableException;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplyForRental;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The history operators read is kept; the variables nobody reads there (among them the key) are not. */
class RentalHistoryLevelTest extends RentalTestBase {

  @Autowired
  ApplyForRental applyForRental;

  @Test
  void theEngineRunsAtTheRentalLevelUnderAuditsId() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

    assertThat(configuration.getHistoryLevel().getName()).isEqualTo(RentalHistoryLevel.NAME);
    assertThat(configuration.getHistoryLevel().getId()).isEqualTo(2);
  }

  @Test
  void historyKeepsThePathAndWhyTheChargeFailedButNoOtherVariable() {
    when(payments.charge(any(), any())).thenThrow(new PaymentUnavailableException("connection refused", null));

    RentalView applied = applyForRental.apply("alice", "scooter-01", 1, null, null);

    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(applied.processInstanceId()).list())
        .extracting(HistoricVariableInstance::getName).containsExactly(Variables.PAYMENT_FAILURE);
    assertThat(engine.getRuntimeService().getVariables(applied.processInstanceId()))
        .containsKeys(Variables.RENTAL_ID, Variables.CUSTOMER, Variables.AMOUNT, Variables.PAYMENT_ATTEMPTS)
        .doesNotContainKey(Variables.MOBILITY_TYPE);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(applied.processInstanceId()).activityId("Task_DeterminePrice").finished().count())
        .isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(applied.id()).count()).isEqualTo(1);
  }
}
