package com.sharedmobility.rental.usecase;

import com.sharedmobility.rental.process.RentalProcess.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses applications (503) that this node cannot finish in time, before any work is done for them:
 * <ul>
 *   <li>while {@code rental.admission.max-concurrent-applications} applications are in progress here: under load a
 *   further one would only queue for the CPU and the database, and be refused later and dearer (at the charge
 *   bulkhead, after its transaction's work), while every accepted one waits longer;</li>
 *   <li>while the key pipeline is behind: the oldest key task no worker holds has waited longer than
 *   {@code rental.admission.max-key-wait} while the key worker is completing tasks (within the last
 *   {@code rental.admission.worker-active}). A key service that is down completes nothing, so then applications are
 *   accepted and wait for it in KEY_PENDING. This verdict is read from the engine at most once per
 *   {@code rental.admission.recheck}.</li>
 * </ul>
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
  private final Semaphore inProgress;
  private final Counter refusedBusy;
  private volatile Verdict verdict = new Verdict(true, Duration.ZERO, Instant.MIN);

  public ApplicationAdmission(ExternalTaskService tasks, KeyWorkerActivity worker, Clock clock,
                              MeterRegistry registry,
                              @Value("${rental.admission.max-key-wait}") Duration maxKeyWait,
                              @Value("${rental.admission.worker-active}") Duration workerActive,
                              @Value("${rental.admission.recheck}") Duration recheck,
                              @Value("${rental.admission.max-concurrent-applications}") int maxConcurrent) {
    this.tasks = tasks;
    this.worker = worker;
    this.clock = clock;
    this.maxKeyWait = maxKeyWait;
    this.workerActive = workerActive;
    this.recheck = recheck;
    this.refused = refusals(registry, "key-backlog");
    this.inProgress = new Semaphore(maxConcurrent);
    this.refusedBusy = refusals(registry, "applications-in-progress");
  }

  /** An admitted application; closing it lets the next one in. */
  public interface Ticket extends AutoCloseable {

    @Override
    void close();
  }

  /** The counter of requests refused as overload for one reason. */
  public static Counter refusals(MeterRegistry registry, String reason) {
    return Counter.builder(REFUSALS).description("Requests answered 503 because the service was past its pace")
        .tag("reason", reason).register(registry);
  }

  /**
   * Admits an application, or throws a 503 problem when it is to be refused now. Called before the application's
   * transaction, so that a refusal costs next to nothing and takes no database connection.
   */
  public Ticket admit() {
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
    if (!inProgress.tryAcquire()) {
      refusedBusy.increment();
      throw RentalProblem.busy("Too many rentals are being applied for at this moment; yours was not started.", 1);
    }
    return inProgress::release;
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
