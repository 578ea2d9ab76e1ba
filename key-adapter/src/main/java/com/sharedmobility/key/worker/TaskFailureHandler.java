package com.sharedmobility.key.worker;

import com.sharedmobility.key.store.InvalidKeyRequestException;
import com.sharedmobility.key.store.KeyNotIssuableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reports a failed key task to the engine. A failure that may pass is retried with a growing wait; one that
 * cannot (a missing variable, a revoked key) leaves no retries, so it becomes an incident at once.
 */
@Component
public class TaskFailureHandler {

  private static final Logger LOG = LoggerFactory.getLogger(TaskFailureHandler.class);

  private final TaskRetryPolicy policy;

  TaskFailureHandler(TaskRetryPolicy policy) {
    this.policy = policy;
  }

  /** Returns false when the task no longer exists: the rental's process moved on (a cancel) meanwhile. */
  public boolean handle(ExternalTask task, ExternalTaskService service, Exception failure) {
    int retries = isPermanent(failure) ? 0 : policy.retriesAfterFailure(task.getRetries());
    long timeout = policy.timeoutBefore(retries).toMillis();
    LOG.warn("{} task {} of process instance {} failed, {} retries left: {}", task.getTopicName(), task.getId(),
        task.getProcessInstanceId(), retries, failure.toString());
    try {
      service.handleFailure(task, messageOf(failure), stackTraceOf(failure), retries, timeout);
    } catch (NotFoundException gone) {
      LOG.info("{} task {} no longer exists: nothing to report the failure to", task.getTopicName(), task.getId());
      return false;
    } catch (ExternalTaskClientException unreported) {
      LOG.warn("could not report the failure of {} task {}; it is fetched again once its lock expires: {}",
          task.getTopicName(), task.getId(), unreported.getMessage());
    }
    return true;
  }

  private static boolean isPermanent(Exception failure) {
    return failure instanceof InvalidKeyRequestException || failure instanceof KeyNotIssuableException;
  }

  private static String messageOf(Exception failure) {
    return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
  }

  private static String stackTraceOf(Exception failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }
}
