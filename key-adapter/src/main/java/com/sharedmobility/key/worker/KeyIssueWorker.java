package com.sharedmobility.key.worker;

import com.sharedmobility.key.store.KeyNotIssuableException;
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
 * Issues the rental's key and hands its code to the process. Redelivery hands over the same code. A key that can
 * never be issued (no free code, a key taken away) goes to an operator as BPMN error KEY_NOT_ISSUABLE.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.ISSUE_KEY,
    variableNames = {Variables.RENTAL_ID, Variables.MOBILITY_ID, Variables.RENTAL_DURATION})
public class KeyIssueWorker implements ExternalTaskHandler {

  private final KeyService keys;
  private final KeyHandover handover;
  private final ParallelTaskRunner runner;
  private final TaskObservation observation;

  KeyIssueWorker(KeyService keys, KeyHandover handover, ParallelTaskRunner runner,
      TaskObservation observation) {
    this.keys = keys;
    this.handover = handover;
    this.runner = runner;
    this.observation = observation;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    runner.run(task, service, observation.around(task, () -> handover.handOver(task, service,
        rentalId -> keys.issue(rentalId, TaskVariables.string(task, Variables.MOBILITY_ID),
            TaskVariables.duration(task, Variables.RENTAL_DURATION)),
        KeyNotIssuableException.class, Errors.KEY_NOT_ISSUABLE)));
  }
}
