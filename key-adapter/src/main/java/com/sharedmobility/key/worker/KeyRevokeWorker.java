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

/** Revokes the rental's key; succeeds as well when the key is already revoked or was never issued. */
@Component
@ExternalTaskSubscription(topicName = Topics.REVOKE_KEY, variableNames = Variables.RENTAL_ID)
public class KeyRevokeWorker implements ExternalTaskHandler {

  private static final Logger LOG = LoggerFactory.getLogger(KeyRevokeWorker.class);

  private final KeyService keys;
  private final TaskFailureHandler failures;
  private final ParallelTaskRunner runner;
  private final TaskObservation observation;

  KeyRevokeWorker(KeyService keys, TaskFailureHandler failures, ParallelTaskRunner runner,
      TaskObservation observation) {
    this.keys = keys;
    this.failures = failures;
    this.runner = runner;
    this.observation = observation;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    runner.run(observation.around(task, () -> revoke(task, service)));
  }

  private void revoke(ExternalTask task, ExternalTaskService service) {
    // the business key is the rental id: every line of this task carries it
    try (RentalLogContext ignored = RentalLogContext.of(task.getBusinessKey())) {
      String rentalId = TaskVariables.rentalId(task);
      boolean revokedNow = keys.revoke(rentalId);
      LOG.info("key of rental {} {}", rentalId, revokedNow ? "revoked" : "already revoked or never issued");
      Completions.completeUnlessGone(task, service, "the key is revoked all the same");
    } catch (RuntimeException e) {
      failures.handle(task, service, e);
    }
  }
}
