package com.sharedmobility.key.worker;

import com.sharedmobility.key.store.KeyService;
import com.sharedmobility.rental.process.RentalProcess.Topics;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import java.util.Map;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues the rental's key and hands its code to the process as variable {@code key}. Redelivery hands over the
 * same code. When the task is gone on completion, the rental was cancelled meanwhile and the key is revoked:
 * compensation does not cover an activity that never completed.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.ISSUE_KEY,
    variableNames = {Variables.RENTAL_ID, Variables.MOBILITY_ID, Variables.RENTAL_DURATION})
public class KeyIssueWorker implements ExternalTaskHandler {

  private static final Logger LOG = LoggerFactory.getLogger(KeyIssueWorker.class);

  private final KeyService keys;
  private final TaskFailureHandler failures;

  KeyIssueWorker(KeyService keys, TaskFailureHandler failures) {
    this.keys = keys;
    this.failures = failures;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    String rentalId = null;
    try {
      rentalId = TaskVariables.rentalId(task);
      String code = keys.issue(rentalId, TaskVariables.string(task, Variables.MOBILITY_ID),
          TaskVariables.duration(task, Variables.RENTAL_DURATION));
      service.complete(task, Map.of(Variables.KEY, code));
    } catch (NotFoundException gone) {
      revokeForVanishedTask(task, rentalId);
    } catch (RuntimeException e) {
      // a complete that lost a race with a cancel fails with a conflict first; the task is gone only afterwards
      boolean taskGone = !failures.handle(task, service, e);
      if (taskGone && rentalId != null) {
        revokeForVanishedTask(task, rentalId);
      }
    }
  }

  /** No retry follows for a task that is gone, so a failure here can only be shown to an operator. */
  private void revokeForVanishedTask(ExternalTask task, String rentalId) {
    try {
      keys.revoke(rentalId);
      LOG.info("issue-key task {} of rental {} no longer exists (cancelled meanwhile): its key is revoked",
          task.getId(), rentalId);
    } catch (RuntimeException e) {
      LOG.error("issue-key task {} of rental {} no longer exists, but its key could not be revoked: revoke it by hand",
          task.getId(), rentalId, e);
    }
  }
}
