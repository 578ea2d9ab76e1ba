package com.sharedmobility.rental.extension;

import static com.sharedmobility.rental.process.RentalProcess.Variables.AMOUNT;
import static com.sharedmobility.rental.process.RentalProcess.Variables.EXTENSION_ID;
import static com.sharedmobility.rental.process.RentalProcess.Variables.EXTRA_AMOUNT;
import static com.sharedmobility.rental.process.RentalProcess.Variables.EXTRA_HOURS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.HOURS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.RENTAL_DURATION;
import static com.sharedmobility.rental.process.RentalProcess.Variables.RENTAL_ID;

import com.sharedmobility.rental.catalogue.PriceList;
import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.rental.metrics.RentalOutcomeMetrics;
import com.sharedmobility.rental.process.RentalProcess.Activities;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * Applies an extension the customer has paid for: the rental's hours, amount and duration grow, its time-up timer
 * fires that much later, and the read model records the extension (what confirms its charge at the payment
 * service). Runs in the transaction of the extend call, so the answer shows the rental as extended.
 */
@Component("applyExtensionDelegate")
public class ApplyExtensionDelegate implements JavaDelegate {

  private final RentalReadModel readModel;
  private final Duration hour;
  private final Clock clock;
  private final RentalOutcomeMetrics metrics;

  public ApplyExtensionDelegate(RentalReadModel readModel, RentalProperties properties, Clock clock,
                                RentalOutcomeMetrics metrics) {
    this.readModel = readModel;
    this.hour = properties.hour();
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String rentalId = (String) execution.getVariable(RENTAL_ID);
    int extraHours = ((Number) execution.getVariable(EXTRA_HOURS)).intValue();
    BigDecimal extraAmount = new BigDecimal((String) execution.getVariable(EXTRA_AMOUNT));
    int hours = ((Number) execution.getVariable(HOURS)).intValue() + extraHours;
    BigDecimal amount = PriceList.money((Number) execution.getVariable(AMOUNT)).add(extraAmount);
    Duration extra = hour.multipliedBy(extraHours);

    Job timeUp = execution.getProcessEngineServices().getManagementService().createJobQuery()
        .processInstanceId(execution.getProcessInstanceId()).activityId(Activities.RENTAL_TIME_UP).singleResult();
    if (timeUp == null) {
      throw new IllegalStateException("rental " + rentalId + " has no time-up timer to move: only an ACTIVE rental"
          + " waiting for its time-up is extended");
    }
    execution.getProcessEngineServices().getManagementService()
        .setJobDuedate(timeUp.getId(), Date.from(timeUp.getDuedate().toInstant().plus(extra)));

    // set where they live (the instance), so the time-up, a return and the key worker see the new figures
    execution.setVariable(HOURS, hours);
    execution.setVariable(AMOUNT, amount.doubleValue());
    execution.setVariable(RENTAL_DURATION, Duration.parse((String) execution.getVariable(RENTAL_DURATION))
        .plus(extra).toString());
    readModel.extended(rentalId, (String) execution.getVariable(EXTENSION_ID), extraHours, extraAmount, hours, amount,
        extra, clock.instant());
    metrics.extended();
  }
}
