package com.sharedmobility.rental.metrics;

import com.sharedmobility.rental.process.RentalProcess.Activities;
import com.sharedmobility.rental.process.RentalProcess.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What an operator alerts on, read from the engine's tables: open incidents, due jobs, waiting key tasks, the age of
 * the oldest key still to be issued and manual key tasks. The figures are cluster-wide (every node reports the same
 * value, so aggregate with max, not sum) and are read at most once per {@code rental.metrics.engine-state-ttl}, so
 * frequent scrapes cost the database nothing extra.
 */
@Component
public class EngineStateMetrics implements MeterBinder {

  private static final List<String> INCIDENT_TYPES = List.of("failedJob", "failedExternalTask");
  private static final List<String> TOPICS = List.of(Topics.ISSUE_KEY, Topics.REGISTER_KEY, Topics.REVOKE_KEY);

  private final ProcessEngine engine;
  private final Clock clock;
  private final Duration ttl;
  private EngineState state;

  public EngineStateMetrics(ProcessEngine engine, Clock clock,
                            @Value("${rental.metrics.engine-state-ttl:PT10S}") Duration ttl) {
    this.engine = engine;
    this.clock = clock;
    this.ttl = ttl;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    INCIDENT_TYPES.forEach(type -> gauge("camunda.incidents.open", "Open incidents (cluster-wide)",
        s -> s.incidents().get(INCIDENT_TYPES.indexOf(type))).tag("type", type).register(registry));
    TOPICS.forEach(topic -> gauge("camunda.external.tasks.open", "External tasks waiting or locked",
        s -> s.externalTasks().get(TOPICS.indexOf(topic))).tag("topic", topic).register(registry));
    gauge("camunda.jobs.due", "Jobs due now with retries left: the job executor's backlog",
        EngineState::dueJobs).register(registry);
    gauge("rental.key.issue.oldest.age", "Age of the oldest key still to be issued (0 when none)",
        EngineState::oldestKeyAgeSeconds).baseUnit("seconds").register(registry);
    gauge("rental.manual.keys.open", "Rentals waiting for an operator to issue a key in Tasklist",
        EngineState::manualKeyTasks).register(registry);
  }

  private Gauge.Builder<EngineStateMetrics> gauge(String name, String description,
                                                  ToDoubleFunction<EngineState> value) {
    return Gauge.builder(name, this, metrics -> value.applyAsDouble(metrics.current())).description(description);
  }

  synchronized EngineState current() {
    Instant now = clock.instant();
    if (state == null || state.readAt().plus(ttl).isBefore(now)) {
      state = read(now);
    }
    return state;
  }

  private EngineState read(Instant now) {
    var incidents = INCIDENT_TYPES.stream()
        .map(type -> engine.getRuntimeService().createIncidentQuery().incidentType(type).count()).toList();
    var externalTasks = TOPICS.stream()
        .map(topic -> engine.getExternalTaskService().createExternalTaskQuery().topicName(topic).count()).toList();
    long dueJobs = engine.getManagementService().createJobQuery().executable().count();
    List<ExternalTask> oldest = engine.getExternalTaskService().createExternalTaskQuery().topicName(Topics.ISSUE_KEY)
        .orderByCreateTime().asc().listPage(0, 1);
    double oldestAge = oldest.isEmpty() ? 0
        : Duration.between(oldest.get(0).getCreateTime().toInstant(), now).toMillis() / 1000.0;
    long manualKeyTasks = engine.getTaskService().createTaskQuery().taskDefinitionKey(Activities.ISSUE_KEY_MANUALLY).count();
    return new EngineState(now, incidents, externalTasks, dueJobs, Math.max(0, oldestAge), manualKeyTasks);
  }

  record EngineState(Instant readAt, List<Long> incidents, List<Long> externalTasks, long dueJobs,
                     double oldestKeyAgeSeconds, long manualKeyTasks) {
  }
}
