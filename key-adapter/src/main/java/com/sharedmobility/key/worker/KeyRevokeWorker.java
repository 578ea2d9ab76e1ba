package com.sharedmobility.key.worker;

import com.sharedmobility.key.store.KeyService;
import com.sharedmobility.rental.process.RentalProcess.Topics;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.springframework.stereotype.Component;

/** Revokes the rental's key; succeeds as well when the key is already revoked or was never issued. */
@Component
@ExternalTaskSubscription(topicName = Topics.REVOKE_KEY, variableNames = Variables.RENTAL_ID)
public class KeyRevokeWorker implements ExternalTaskHandler {

  private final KeyService keys;
  private final KeyUpkeep upkeep;
  private final ParallelTaskRunner runner;
  private final TaskObservation observation;

  KeyRevokeWorker(KeyService keys, KeyUpkeep upkeep, ParallelTaskRunner runner, TaskObservation observation) {
    this.keys = keys;
    this.upkeep = upkeep;
    this.runner = runner;
    this.observation = observation;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    runner.run(task, service, observation.around(task, () -> upkeep.upkeep(task, service,
        rentalId -> keys.revoke(rentalId) ? "revoked" : "already revoked or never issued")));
  }
}
