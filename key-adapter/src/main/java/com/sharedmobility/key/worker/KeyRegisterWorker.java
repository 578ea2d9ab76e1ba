package com.sharedmobility.key.worker;

import com.sharedmobility.key.store.KeyRejectedException;
import com.sharedmobility.key.store.KeyService;
import com.sharedmobility.rental.process.RentalProcess.Errors;
import com.sharedmobility.rental.process.RentalProcess.Topics;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.springframework.stereotype.Component;

/**
 * Registers the key an operator chose in Tasklist when the automatic issue was impossible. A key that is malformed
 * or already opens another rental of the vehicle goes back to the operator as BPMN error KEY_REJECTED.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.REGISTER_KEY, variableNames = {Variables.RENTAL_ID,
    Variables.MOBILITY_ID, Variables.RENTAL_DURATION, Variables.MANUAL_KEY})
public class KeyRegisterWorker implements ExternalTaskHandler {

  private final KeyService keys;
  private final KeyHandover handover;
  private final ParallelTaskRunner runner;
  private final TaskObservation observation;

  KeyRegisterWorker(KeyService keys, KeyHandover handover, ParallelTaskRunner runner,
      TaskObservation observation) {
    this.keys = keys;
    this.handover = handover;
    this.runner = runner;
    this.observation = observation;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    runner.run(task, service, observation.around(task, () -> handover.handOver(task, service,
        rentalId -> keys.register(rentalId, TaskVariables.string(task, Variables.MOBILITY_ID),
            TaskVariables.string(task, Variables.MANUAL_KEY),
            TaskVariables.duration(task, Variables.RENTAL_DURATION)),
        KeyRejectedException.class, Errors.KEY_REJECTED)));
  }
}
