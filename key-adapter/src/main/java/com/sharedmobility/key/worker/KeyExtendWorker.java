package com.sharedmobility.key.worker;

import com.sharedmobility.key.store.KeyService;
import com.sharedmobility.rental.process.RentalProcess.Topics;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import com.sharedmobility.support.logging.RentalLogContext;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the key of an extended rental last the rental's new duration; succeeds as well when the key is already that
 * long, revoked meanwhile (the rental was returned or cancelled) or never issued.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.EXTEND_KEY,
    variableNames = {Variables.RENTAL_ID, Variables.RENTAL_DURATION})
public class KeyExtendWorker implements ExternalTaskHandler {

  private static final Logger LOG = LoggerFactory.getLogger(KeyExtendWorker.class);

  private final KeyService keys;
  private final TaskFailureHandler failures;
  private final ParallelTaskRunner runner;
  private final TaskObservation observation;

  KeyExtendWorker(KeyService keys, TaskFailureHandler failures, ParallelTaskRunner runner,
      TaskObservation observation) {
    this.keys = keys;
    this.failures = failures;
    this.runner = runner;
    this.observation = observation;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    runner.run(observation.around(task, () -> extend(task, service)));
  }

  private void extend(ExternalTask task, ExternalTaskService service) {
    try (RentalLogContext ignored = RentalLogContext.of(task.getBusinessKey())) {
      String rentalId = TaskVariables.rentalId(task);
      boolean extended = keys.extend(rentalId, TaskVariables.duration(task, Variables.RENTAL_DURATION));
      LOG.info("key of rental {} {}", rentalId, extended ? "lasts the extended rental" : "is revoked or was never issued");
      Completions.completeUnlessGone(task, service, "the key lasts the extended rental all the same");
    } catch (RuntimeException e) {
      failures.handle(task, service, e);
    }
  }
}
