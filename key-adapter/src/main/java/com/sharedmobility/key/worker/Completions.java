package com.sharedmobility.key.worker;

import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Completes a key task whose work is idempotent: a task that vanished meanwhile (its rental moved on) is no failure. */
final class Completions {

  private static final Logger LOG = LoggerFactory.getLogger(Completions.class);

  private Completions() {
  }

  static void completeUnlessGone(ExternalTask task, ExternalTaskService service, String doneAllTheSame) {
    try {
      service.complete(task);
    } catch (NotFoundException gone) {
      LOG.info("{} task {} no longer exists; {}", task.getTopicName(), task.getId(), doneAllTheSame);
    }
  }
}
