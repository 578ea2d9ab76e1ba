package com.sharedmobility.key.worker;

import com.sharedmobility.key.store.KeyService;
import com.sharedmobility.rental.process.RentalProcess.Topics;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.springframework.stereotype.Component;

/**
 * Makes the key of an extended rental last the rental's new duration; succeeds as well when the key is already that
 * long, revoked meanwhile (the rental was returned or cancelled) or never issued.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.EXTEND_KEY,
    variableNames = {Variables.RENTAL_ID, Variables.RENTAL_DURATION})
public class KeyExtendWorker implements ExternalTaskHandler {

  private final KeyService keys;
  private final KeyUpkeep upkeep;
  private final ParallelTaskRunner runner;
  private final TaskObservation observation;

  KeyExtendWorker(KeyService keys, KeyUpkeep upkeep, ParallelTaskRunner runner, TaskObservation observation) {
    this.keys = keys;
    this.upkeep = upkeep;
    this.runner = runner;
    this.observation = observation;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    runner.run(task, service, observation.around(task, () -> upkeep.upkeep(task, service,
        rentalId -> keys.extend(rentalId, TaskVariables.duration(task, Variables.RENTAL_DURATION))
            ? "lasts the extended rental" : "is revoked or was never issued")));
  }
}
