package com.sharedmobility.rental.usecase;

import com.sharedmobility.rental.process.RentalProcess.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses applications (503) while the key pipeline is behind: when the oldest key task no worker holds has waited
 * longer than {@code rental.admission.max-key-wait} while the key worker is completing tasks (within the last
 * {@code rental.admission.worker-active}). Accepting more would only lengthen every customer's wait for a key. A key
 * service that is down completes nothing, so then applications are accepted and wait for it in KEY_PENDING.
 * The verdict is read from the engine at most once per {@code rental.admission.recheck}.
 */
@Component
public class ApplicationAdmission {

  /** Requests refused as overload, by reason: {@code rental_overload_refusals_total{reason}}. */
  public static final String REFUSALS = "rental.overload.refusals";

  private final ExternalTaskService tasks;
  private final KeyWorkerActivity worker;
  private final Clock clock;
  private final Duration maxKeyWait;
  private final Duration workerActive;
  private final Duration recheck;
  private final Counter refused;
  private volatile Verdict verdict = new Verdict(true, Duration.ZERO, Instant.MIN);

  public ApplicationAdmission(ExternalTaskService tasks, KeyWorkerActivity worker, Clock clock,
                              MeterRegistry registry,
                              @Value("${rental.admission.max-key-wait}") Duration maxKeyWait,
                              @Value("${rental.admission.worker-active}") Duration workerActive,
                              @Value("${rental.admission.recheck}") Duration recheck) {
    this.tasks = tasks;
    this.worker = worker;
    this.clock = clock;
    this.maxKeyWait = maxKeyWait;
    this.workerActive = workerActive;
    this.recheck = recheck;
    this.refused = refusals(registry, "key-backlog");
  }

  /** The counter of requests refused as overload for one reason. */
  public static Counter refusals(MeterRegistry registry, String reason) {
    return Counter.builder(REFUSALS).description("Requests answered 503 because the service was past its pace")
        .tag("reason", reason).register(registry);
  }

  /**
   * Throws a 503 problem when applications are to be refused now. Called before the application's transaction, so
   * that a refusal takes no database connection from a pool that is busy already.
   */
  public void admit() {
    Instant now = clock.instant();
    Verdict current = verdict;
    if (!current.until().isAfter(now)) {
      current = refresh(now);
    }
    if (!current.admit()) {
      refused.increment();
      throw RentalProblem.busy("Keys are being issued " + current.keyWait().toSeconds()
          + " s late; new rentals are accepted again as soon as they catch up, and yours was not started.", 1);
    }
  }

  private synchronized Verdict refresh(Instant now) {
    if (verdict.until().isAfter(now)) {
      return verdict;
    }
    Duration keyWait = keyWait(now);
    verdict = new Verdict(keyWait.compareTo(maxKeyWait) <= 0, keyWait, now.plus(recheck));
    return verdict;
  }

  /** How long the oldest key task no worker holds has waited, while the worker completes tasks; zero otherwise. */
  private Duration keyWait(Instant now) {
    if (!worker.completedWithin(workerActive, now)) {
      return Duration.ZERO;
    }
    // only what a worker could take: not tasks whose retries ran out (incidents) or of suspended rentals
    List<ExternalTask> oldest = tasks.createExternalTaskQuery().topicName(Topics.ISSUE_KEY).notLocked()
        .withRetriesLeft().active().orderByCreateTime().asc().listPage(0, 1);
    return oldest.isEmpty() ? Duration.ZERO : Duration.between(oldest.get(0).getCreateTime().toInstant(), now);
  }

  private record Verdict(boolean admit, Duration keyWait, Instant until) {
  }
}
