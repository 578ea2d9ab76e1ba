package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.e2e.ApplicationStream.Window;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Each service's database restarted under load: every service has a PostgreSQL server of its own
 * ({@link DatabaseServer}); while applications arrive at half the closed maximum of this stack (measured first, as in
 * {@link RollingRestartIT}), the databases of payment-adapter, key-adapter and process-app are each shut down (fast:
 * sessions end, transactions roll back), left away for 10 s and started again.
 *
 * <p>Judged per restart, from the shutdown until 15 s after the database is back: every answer is {@code 201},
 * {@code 202} or {@code 503} with {@code Retry-After} (no other {@code 5xx}, no broken connection, no answer later
 * than the client's 30 s); the three services stay up and each is ready within 10 s of the database being back. After
 * the stream every accepted rental is {@code ACTIVE} with its key, no incident is left, and the invariants over the
 * three services' data hold (a charge whose rental could not commit is released by the reconciliation). The
 * figures go to the log and to {@code target/e2e-logs/database-restart/database-restart-report.md}.
 */
@Order(2400)
@StackSettings(name = "database-restart", rentalHour = "PT1H", ownDatabaseServers = true,
    processApp = {"ADMISSION_MAX_CONCURRENT_APPLICATIONS=6", "RECONCILIATION_INTERVAL=PT5S",
        "RECONCILIATION_GRACE=PT10S", "PAYMENT_RETRY_MAX_ATTEMPTS=30", "PAYMENT_RETRY_MAX_DELAY=PT5S",
        "CAMUNDA_BPM_JOBEXECUTION_LOCKTIMEINMILLIS=15000", "CAMUNDA_BPM_JOBEXECUTION_MAXWAIT=2000"})
class DatabaseRestartIT extends FaultInjectionTest {

  private static final Duration AWAY = Duration.ofSeconds(10);
  private static final Duration READY_LIMIT = Duration.ofSeconds(10);
  private static final Duration AFTER_BACK = Duration.ofSeconds(15);
  private static final Duration WARM_UP = Duration.ofSeconds(15);
  private static final Duration STREAM_LIMIT = Duration.ofMinutes(6);
  private static final Duration ACTIVE_LIMIT = Duration.ofMinutes(3);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /** One database restarted: how long each service took to be ready after it was back, and what clients saw. */
  record Restart(String database, Map<String, Duration> readyAfterBack, Window window) {
  }

  @Test
  void restartingEachDatabaseUnderLoadAnswersOnlyAsForeseenAndLosesNoRental() throws Exception {
    ApplicationStream stream = new ApplicationStream(stack, STREAM_LIMIT, "dbr-");
    double closedMaximum = stream.closedMaximum(8, Duration.ofSeconds(30), Duration.ofSeconds(20));
    double rate = closedMaximum / 2;
    LOG.info("closed maximum of this stack: {} paid applications/s; the stream: {}/s", closedMaximum, rate);

    Instant streamStart = Instant.now();
    stream.start(rate);
    List<Restart> restarts = new ArrayList<>();
    try {
      sleep(WARM_UP.toMillis());
      for (String database : List.of(RentalStack.PAYMENT_ADAPTER, RentalStack.KEY_ADAPTER, RentalStack.PROCESS_APP)) {
        restarts.add(restartDatabase(database, stream));
      }
    } finally {
      stream.stop();
    }
    Window whole = stream.window("whole stream", streamStart, Instant.now());

    Duration settled = awaitAllSettled(stream.accepted(), ACTIVE_LIMIT);
    Invariants.Result[] invariants = checkInvariants(Duration.ofSeconds(60), streamStart);
    String report = report(closedMaximum, rate, restarts, whole, settled, invariants[1]);
    LOG.info("database restart report ({}):\n{}", writeReport("database-restart-report.md", report), report);

    for (Restart r : restarts) {
      assertThat(r.window().failed()).as("answers no client should get while %s's database restarted", r.database())
          .isEmpty();
      assertThat(r.readyAfterBack()).as("each service ready within %s s of %s's database being back",
          READY_LIMIT.toSeconds(), r.database()).allSatisfy((service, took) ->
          assertThat(took).as(service).isLessThanOrEqualTo(READY_LIMIT));
    }
    assertThat(stack.services()).as("services still up").allSatisfy(s -> assertThat(s.isAlive()).as(s.name()).isTrue());
    assertThat(whole.failed()).as("answers no client should get").isEmpty();
    assertAcceptedActiveAndNothingLeft(stream.accepted(), invariants[1]);
  }

  private Restart restartDatabase(String database, ApplicationStream stream) {
    Instant from = Instant.now();
    LOG.info("database restart: {}'s database away for {} s", database, AWAY.toSeconds());
    stack.restartDatabase(database, AWAY);
    Instant back = Instant.now();
    // each service polled on its own, so that a slow one does not delay the others' figures
    Map<String, java.util.concurrent.CompletableFuture<Duration>> polls = new LinkedHashMap<>();
    stack.services().forEach(service -> polls.put(service.name(),
        java.util.concurrent.CompletableFuture.supplyAsync(() -> awaitReady(service, back))));
    Map<String, Duration> readyAfterBack = new LinkedHashMap<>();
    polls.forEach((name, poll) -> readyAfterBack.put(name, poll.join()));
    LOG.info("database restart: {}'s database back; services ready after {}", database, readyAfterBack);
    Instant until = back.plus(AFTER_BACK);
    sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()));
    return new Restart(database, readyAfterBack, stream.window(database, from, Instant.now()));
  }

  /** Polls the readiness probe every 200 ms for up to a minute; how long after {@code since} it answered 200. */
  private static Duration awaitReady(ServiceProcess service, Instant since) {
    Instant deadline = since.plusSeconds(60);
    URI readiness = URI.create(service.baseUrl() + "/actuator/health/readiness");
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return Duration.between(since, Instant.now());
        }
      } catch (java.io.IOException e) {
        // not answering yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      sleep(200);
    }
    return Duration.between(since, Instant.now());
  }

  private static String report(double closedMaximum, double rate, List<Restart> restarts, Window whole,
                               Duration settled, Invariants.Result result) {
    StringBuilder sb = new StringBuilder("# Each database restarted under load\n\n")
        .append(String.format(Locale.ROOT, "Closed maximum of this stack: %.1f paid applications/s. Stream: %.1f"
                + " applications/s; %d applications, %d refused (%.2f %%), %d answers no client should get; every"
                + " accepted rental settled %d s after the stream%n%n", closedMaximum, rate, whole.applications(),
            whole.refused(), 100 * whole.refusedShare(), whole.failed().size(), settled.toSeconds()))
        .append("| database away 10 s | applications | 503 answers | failed | ready after the database was back |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    for (Restart r : restarts) {
      sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s |%n", r.database(), r.window().applications(),
          r.window().refused(), r.window().failed().size(), r.readyAfterBack().entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue().toMillis() / 1000.0 + " s").toList()));
    }
    sb.append(whole.details(result));
    return sb.toString();
  }
}
