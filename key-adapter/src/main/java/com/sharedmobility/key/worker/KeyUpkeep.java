package com.sharedmobility.key.worker;

import com.sharedmobility.support.logging.RentalLogContext;
import java.util.function.Function;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Does a key task whose work on the key store is idempotent (revoke, extend) and completes it: a failure goes to
 * {@link TaskFailureHandler}; a task that vanished meanwhile (its rental moved on) is no failure, the work stands.
 */
@Component
class KeyUpkeep {

  private static final Logger LOG = LoggerFactory.getLogger(KeyUpkeep.class);

  private final TaskFailureHandler failures;

  KeyUpkeep(TaskFailureHandler failures) {
    this.failures = failures;
  }

  /**
   * @param work what to do with the rental's key, given its id; answers what became of the key, for the log
   */
  void upkeep(ExternalTask task, ExternalTaskService service, Function<String, String> work) {
    // the business key is the rental id: every line of this task carries it
    try (RentalLogContext ignored = RentalLogContext.of(task.getBusinessKey())) {
      String rentalId = TaskVariables.rentalId(task);
      LOG.info("key of rental {} {}", rentalId, work.apply(rentalId));
      try {
        service.complete(task);
      } catch (NotFoundException gone) {
        LOG.info("{} task {} no longer exists; the key stays as it is now", task.getTopicName(), task.getId());
      }
    } catch (RuntimeException e) {
      failures.handle(task, service, e);
    }
  }
}
