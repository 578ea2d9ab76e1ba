package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.e2e.ApplicationStream.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart under load, as a rollout does it: two process-app nodes and two key-adapter replicas behind a
 * real load balancer ({@link LoadBalancer}, HAProxy), one payment-adapter. First the closed maximum of this stack
 * on this machine is measured (8 customers applying again as soon as answered, as bench/run.sh does); then, while
 * applications arrive at half of it ({@code -De2e.rolling.rate} sets another rate), each replica in turn is stopped
 * with SIGTERM, started again and given 20 s once ready, as a rollout with {@code minReadySeconds} does (the load
 * balancer gives a replica that came up its share over that time): process-app's two nodes, key-adapter's two
 * replicas, then the single payment-adapter.
 *
 * <p>Judged per restart, from when the replica was told to stop until 20 s after it was ready again: no answer a
 * client should not get (only {@code 201}, {@code 202} and {@code 503} with {@code Retry-After}; no {@code 5xx}
 * otherwise, no broken connection, no timeout), and, for process-app and key-adapter, fewer than 1 % of the
 * applications refused. After the stream, every accepted rental is {@code ACTIVE} with its key, nothing is left
 * for an operator (no incident), and the invariants over the three services' data hold. The figures go to the log
 * and to {@code target/e2e-logs/rolling-restart/rolling-restart-report.md}.
 */
@Order(2300)
@StackSettings(name = "rolling-restart", rentalHour = "PT1H", processAppNodes = 2, keyAdapterReplicas = 2,
    loadBalancer = true,
    processApp = {"DB_POOL_SIZE=10", "ADMISSION_MAX_CONCURRENT_APPLICATIONS=6", "PAYMENT_RETRY_MAX_ATTEMPTS=30",
        "PAYMENT_RETRY_MAX_DELAY=PT5S", "CAMUNDA_BPM_JOBEXECUTION_LOCKTIMEINMILLIS=10000",
        "CAMUNDA_BPM_JOBEXECUTION_MAXWAIT=2000"})
class RollingRestartIT extends FaultInjectionTest {

  /** Applications per second; 0: half the closed maximum measured first. */
  private static final double RATE = Double.parseDouble(System.getProperty("e2e.rolling.rate", "0"));
  private static final int CLOSED_USERS = 8;
  private static final Duration CLOSED_WARM_UP = Duration.ofSeconds(30);
  private static final Duration CLOSED_MEASURED = Duration.ofSeconds(20);
  private static final Duration WARM_UP = Duration.ofSeconds(15);
  /** As {@code minReadySeconds} of the k8s Deployments: the load balancer's slow start of a replica that came up. */
  private static final Duration SETTLE_AFTER_READY = Duration.ofSeconds(20);
  private static final Duration STREAM_LIMIT = Duration.ofMinutes(8);
  private static final Duration ACTIVE_LIMIT = Duration.ofMinutes(3);
  private static final double REFUSALS_LIMIT = 0.01;

  /** One replica stopped with SIGTERM and started again. */
  record Restart(String replica, Duration stopTook, Duration startTook, Window window) {
  }

  @Test
  void restartingEveryReplicaInTurnLosesNoApplicationAndNoRental() throws Exception {
    ApplicationStream stream = new ApplicationStream(stack, STREAM_LIMIT, "roll-");
    double closedMaximum = stream.closedMaximum(CLOSED_USERS, CLOSED_WARM_UP, CLOSED_MEASURED);
    double rate = RATE > 0 ? RATE : closedMaximum / 2;
    LOG.info("closed maximum of this stack: {} paid applications/s; the stream: {}/s", closedMaximum, rate);
    List<ServiceProcess> order = new ArrayList<>(stack.processAppNodes());
    order.addAll(stack.keyAdapterReplicas());
    order.add(stack.paymentAdapter());

    Instant streamStart = Instant.now();
    stream.start(rate);
    List<Restart> restarts = new ArrayList<>();
    try {
      sleep(WARM_UP.toMillis());
      for (ServiceProcess replica : order) {
        restarts.add(restart(replica, stream));
      }
    } finally {
      stream.stop();
    }
    Window whole = stream.window("whole stream", streamStart, Instant.now());

    Duration settled = awaitAllSettled(stream.accepted(), ACTIVE_LIMIT);
    Invariants.Result[] invariants = checkInvariants(Duration.ofSeconds(30), streamStart);
    String report = report(closedMaximum, rate, restarts, whole, settled, invariants[1]);
    LOG.info("rolling restart report ({}):\n{}", writeReport("rolling-restart-report.md", report), report);

    for (Restart r : restarts) {
      assertThat(r.window().failed()).as("answers no client should get while %s restarted", r.replica()).isEmpty();
      if (!r.replica().equals(RentalStack.PAYMENT_ADAPTER)) {
        assertThat(r.window().refusedShare()).as("refused share while %s restarted (%s of %s)", r.replica(),
            r.window().refused(), r.window().applications()).isLessThan(REFUSALS_LIMIT);
      }
    }
    assertThat(whole.failed()).as("answers no client should get").isEmpty();
    assertAcceptedActiveAndNothingLeft(stream.accepted(), invariants[1]);
  }

  /** SIGTERM, start again, wait until ready and 10 s more; the window is judged from the stop on. */
  private Restart restart(ServiceProcess replica, ApplicationStream stream) {
    Instant from = Instant.now();
    LOG.info("rolling restart: stopping {} with SIGTERM", replica.name());
    replica.stop();
    Duration stopTook = Duration.between(from, Instant.now());
    Duration startTook = stack.restart(replica.name());
    LOG.info("rolling restart: {} stopped in {} ms, ready again {} s later", replica.name(), stopTook.toMillis(),
        startTook.toSeconds());
    sleep(SETTLE_AFTER_READY.toMillis());
    return new Restart(replica.name(), stopTook, startTook, stream.window(replica.name(), from, Instant.now()));
  }

  private static String report(double closedMaximum, double rate, List<Restart> restarts, Window whole,
                               Duration settled, Invariants.Result result) {
    StringBuilder sb = new StringBuilder("# Rolling restart under load\n\n")
        .append(String.format(Locale.ROOT, "Closed maximum of this stack: %.1f paid applications/s (%d customers)."
                + " Stream: %.1f applications/s; %d applications, %d refused (%.2f %%), %d answers no client should"
                + " get; every accepted rental settled %d s after the stream%n%n", closedMaximum, CLOSED_USERS, rate,
            whole.applications(), whole.refused(), 100 * whole.refusedShare(), whole.failed().size(),
            settled.toSeconds()))
        .append("| replica | SIGTERM → gone | start → ready | applications | 503 answers | 503s per application | failed |\n")
        .append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (Restart r : restarts) {
      sb.append(String.format(Locale.ROOT, "| %s | %.1f s | %d s | %d | %d | %.2f %% | %d |%n", r.replica(),
          r.stopTook().toMillis() / 1000.0, r.startTook().toSeconds(), r.window().applications(),
          r.window().refused(), 100 * r.window().refusedShare(), r.window().failed().size()));
    }
    sb.append(whole.details(result));
    return sb.toString();
  }
}
