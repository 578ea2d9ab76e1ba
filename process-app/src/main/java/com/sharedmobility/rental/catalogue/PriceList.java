package com.sharedmobility.rental.catalogue;

import static com.sharedmobility.rental.process.RentalProcess.PRICING_DECISION_KEY;
import static com.sharedmobility.rental.process.RentalProcess.Variables.HOURS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.MOBILITY_TYPE;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/** Prices come from the same DMN decision the process uses, so the catalogue never disagrees with the charge. */
@Component
public class PriceList {

  private final DecisionService decisions;

  public PriceList(DecisionService decisions) {
    this.decisions = decisions;
  }

  public BigDecimal pricePerHour(MobilityType type) {
    return priceFor(type, 1).orElseThrow(() -> new NoPriceException(type, 1));
  }

  /** What renting a vehicle of this type for these hours costs; empty where the decision has no rule for them. */
  public Optional<BigDecimal> priceFor(MobilityType type, int hours) {
    Number amount = decisions.evaluateDecisionTableByKey(PRICING_DECISION_KEY,
            Map.of(MOBILITY_TYPE, type.name(), HOURS, hours))
        .getSingleEntry();
    return Optional.ofNullable(amount).map(PriceList::money);
  }

  /** The decision answers a double; every amount the service shows or charges has cents. */
  public static BigDecimal money(Number decisionAmount) {
    return BigDecimal.valueOf(decisionAmount.doubleValue()).setScale(2, RoundingMode.HALF_UP);
  }
}
