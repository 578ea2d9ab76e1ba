package com.sharedmobility.key.worker;

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
 * Hands a rental's key to the process: makes it, completes the task with variable {@code key}. A business refusal
 * becomes the given BPMN error, anything else a retry. A task that is gone on completion keeps its key: either
 * another worker completed it after this one's lock ran out (the rental is ACTIVE with this very key, since issuing
 * is idempotent), or a cancel interrupted it, and then the cancel itself revokes the unconfirmed key (or leaves a
 * tombstone that refuses a later issue) before it refunds.
 */
@Component
class KeyHandover {

  private static final Logger LOG = LoggerFactory.getLogger(KeyHandover.class);

  private final TaskFailureHandler failures;

  KeyHandover(TaskFailureHandler failures) {
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
      taskGone(task, rentalId);
    } catch (RuntimeException e) {
      if (refusal.isInstance(e)) {
        refuse(task, service, errorCode, e);
        return;
      }
      // a complete that lost a race fails with a conflict first; the task is gone only afterwards
      if (!failures.handle(task, service, e)) {
        taskGone(task, rentalId);
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

  private static void taskGone(ExternalTask task, String rentalId) {
    LOG.info("{} task {} of rental {} no longer exists (completed by another worker or cancelled): the key stays"
        + " as it is, a cancel revokes it itself", task.getTopicName(), task.getId(), rentalId);
  }
}
