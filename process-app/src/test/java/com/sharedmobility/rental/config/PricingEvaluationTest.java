package com.sharedmobility.rental.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.process.RentalProcess;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;

/**
 * The engine prices with the expression engines that cache parsed expressions (application.yml), the way
 * PricingDecisionTest checks the table.
 */
class PricingEvaluationTest extends RentalTestBase {

  @Test
  void pricingUsesTheCachingExpressionEngines() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .isDmnFeelEnableLegacyBehavior()).isTrue();

    Number amount = engine.getDecisionService().evaluateDecisionByKey(RentalProcess.PRICING_DECISION_KEY)
        .variables(Map.of(RentalProcess.Variables.MOBILITY_TYPE, "SCOOTER", RentalProcess.Variables.HOURS, 5))
        .evaluate().getSingleEntry();
    assertThat(amount.doubleValue()).isEqualTo(15.00);
  }
}
