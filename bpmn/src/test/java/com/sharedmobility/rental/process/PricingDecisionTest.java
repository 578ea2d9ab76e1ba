package com.sharedmobility.rental.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Deployment(resources = "pricing.dmn")
class PricingDecisionTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .useProcessEngine(((StandaloneInMemProcessEngineConfiguration) new StandaloneInMemProcessEngineConfiguration()
          .setJdbcUrl("jdbc:h2:mem:pricing-decision-test;DB_CLOSE_DELAY=-1")
          .setJobExecutorActivate(false))
          // as process-app evaluates it (application.yml: dmn-feel-enable-legacy-behavior)
          .setDmnFeelEnableLegacyBehavior(true)
          .buildProcessEngine())
      .build();

  @ParameterizedTest(name = "{0} for {1} h costs {2}")
  @CsvSource({
      "BIKE, 1, 2.50", "BIKE, 4, 10.00", "BIKE, 5, 10.00", "BIKE, 24, 48.00",
      "SCOOTER, 1, 3.50", "SCOOTER, 4, 14.00", "SCOOTER, 5, 15.00",
      "CAR, 1, 12.00", "CAR, 4, 48.00", "CAR, 5, 50.00", "CAR, 24, 240.00"})
  void priceDependsOnTypeAndHours(String type, int hours, double amount) {
    Number result = price(type, hours).getSingleEntry();
    assertThat(result.doubleValue()).isEqualTo(amount);
  }

  @Test
  void outsideTheCatalogueAndTheHourRangeThereIsNoPrice() {
    assertThat(price("BOAT", 1)).isEmpty();
    assertThat(price("BIKE", 0)).isEmpty();
    assertThat(price("CAR", 25)).isEmpty();
  }

  private DmnDecisionResult price(String type, int hours) {
    return engine.getDecisionService().evaluateDecisionByKey(RentalProcess.PRICING_DECISION_KEY)
        .variables(Map.of(RentalProcess.Variables.MOBILITY_TYPE, type, RentalProcess.Variables.HOURS, hours))
        .evaluate();
  }
}
