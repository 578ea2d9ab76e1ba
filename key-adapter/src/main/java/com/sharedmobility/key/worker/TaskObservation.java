package com.sharedmobility.key.worker;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * Each key task as one observation ({@code key.task}, by topic): a span whose trace the task's calls to the engine
 * carry on ({@link TraceContextHeaders}), its trace id in the task's log lines, and a timer of the task's work.
 */
@Component
class TaskObservation {

  static final String NAME = "key.task";

  private final ObservationRegistry observations;

  TaskObservation(ObservationRegistry observations) {
    this.observations = observations;
  }

  Runnable around(ExternalTask task, Runnable work) {
    return () -> Observation.createNotStarted(NAME, observations)
        .contextualName(task.getTopicName())
        .lowCardinalityKeyValue("topic", task.getTopicName())
        .highCardinalityKeyValue("rental.id", String.valueOf(task.getBusinessKey()))
        .observe(work);
  }
}
