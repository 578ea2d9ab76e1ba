package com.sharedmobility.key.worker;

import com.sharedmobility.key.store.KeyService;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import com.sharedmobility.support.logging.RentalLogContext;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands a rental's key to the process: makes it, completes the task with variable {@code key}. When the task is
 * gone on completion, the rental was cancelled meanwhile and the key is revoked: compensation does not cover an
 * activity that never completed. A business refusal becomes the given BPMN error, anything else a retry.
 */
@Component
class KeyHandover {

  private static final Logger LOG = LoggerFactory.getLogger(KeyHandover.class);

  private final KeyService keys;
  private final TaskFailureHandler failures;

  KeyHandover(KeyService keys, TaskFailureHandler failures) {
    this.keys = keys;
    this.failures = failures;
  }

  /**
   * @param makeKey gives the code of the rental's key, from the rental id
   * @param refusal the failure of {@code makeKey} that is a business outcome, reported as {@code errorCode}
   */
  void handOver(ExternalTask task, ExternalTaskService service, UnaryOperator<String> makeKey,
                Class<? extends RuntimeException> refusal, String errorCode) {
    String rentalId = null;
    try (RentalLogContext ignored = RentalLogContext.of(task.getBusinessKey())) {
      rentalId = TaskVariables.rentalId(task);
      service.complete(task, Map.of(Variables.KEY, makeKey.apply(rentalId)));
    } catch (NotFoundException gone) {
      revokeForVanishedTask(task, rentalId);
    } catch (RuntimeException e) {
      if (refusal.isInstance(e)) {
        refuse(task, service, errorCode, e);
        return;
      }
      // a complete that lost a race with a cancel fails with a conflict first; the task is gone only afterwards
      boolean taskGone = !failures.handle(task, service, e);
      if (taskGone && rentalId != null) {
        revokeForVanishedTask(task, rentalId);
      }
    }
  }

  private static void refuse(ExternalTask task, ExternalTaskService service, String errorCode, RuntimeException e) {
    LOG.warn("{} task {} of process instance {}: {} ({})", task.getTopicName(), task.getId(),
        task.getProcessInstanceId(), errorCode, e.getMessage());
    try {
      service.handleBpmnError(task, errorCode, e.getMessage());
    } catch (NotFoundException gone) {
      LOG.info("{} task {} no longer exists: nothing to report {} to", task.getTopicName(), task.getId(), errorCode);
    }
  }

  /** No retry follows for a task that is gone, so a failure here can only be shown to an operator. */
  private void revokeForVanishedTask(ExternalTask task, String rentalId) {
    try {
      keys.revoke(rentalId);
      LOG.info("{} task {} of rental {} no longer exists (cancelled meanwhile): its key is revoked",
          task.getTopicName(), task.getId(), rentalId);
    } catch (RuntimeException e) {
      LOG.error("{} task {} of rental {} no longer exists, but its key could not be revoked: revoke it by hand",
          task.getTopicName(), task.getId(), rentalId, e);
    }
  }
}
