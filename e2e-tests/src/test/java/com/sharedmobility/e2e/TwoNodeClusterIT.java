package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Two process-app nodes on one PostgreSQL database, the way Camunda 7 clusters: every node runs a job executor over
 * the shared job table (not deployment-aware, both deploy the same models), a job is locked by one node at a time,
 * and the jobs of one rental are exclusive, so they never run on both nodes at once. Customers reach either node.
 *
 * <p>While both nodes run, rentals are applied on either and cancelled on the other. Then the payment service goes
 * down; node 1 takes cancels (whose refunds now fail and wait for their retry) and applications (which wait for
 * their payment retry timer), and has rentals whose time runs out soon. Node 1 is then killed with SIGKILL and never
 * comes back; the payment service returns. Node 2 alone must finish what node 1 left: the payment retries, the
 * refunds of the compensations, the time-up timers, and jobs node 1 held locked when it died (after their lock
 * expires). Every rental must settle, and the invariants over the three services' data must hold.
 *
 * <p>Settings as an operator would choose them for a cluster: see {@link TwoNodeStack}.
 */
@Order(2200)
@TwoNodeStack
class TwoNodeClusterIT extends FaultInjectionTest {

  private static final Duration SETTLE_LIMIT = Duration.ofMinutes(3);
  /** Paid at once, or (a slow charge on a busy machine) pending and paid on the retry. */
  private static final Integer[] PAID_OR_PENDING = {201, 202};
  private static final Integer[] PENDING = {202};

  /** Rental id to customer, of every rental answered 201 or 202. */
  private final Map<String, String> owners = new LinkedHashMap<>();

  @Test
  void theSurvivingNodeFinishesTheTimersRetriesAndCompensationsOfTheKilledOne() {
    Instant since = Instant.now();
    ServiceProcess node1 = stack.processAppNodes().get(0);
    ServiceProcess node2 = stack.processAppNodes().get(1);
    List<ServiceProcess> nodes = List.of(node1, node2);

    // both nodes: applied on one, cancelled on the other
    List<String> cancelledAcrossNodes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String rental = apply(nodes.get(i % 2), "alice", stack.claimVehicle(), 24, PAID_OR_PENDING);
      awaitActive(stack.customerAt(nodes.get(i % 2), "alice"), rental);
      assertThat(stack.customerAt(nodes.get((i + 1) % 2), "alice").cancel(rental).status()).isEqualTo(202);
      cancelledAcrossNodes.add(rental);
    }
    List<String> refundsLeftToNode2 = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String rental = apply(node2, "bob", stack.claimVehicle(), 24, PAID_OR_PENDING);
      awaitActive(stack.customerAt(node2, "bob"), rental);
      refundsLeftToNode2.add(rental);
    }
    List<String> timersLeftToNode2 = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // 6 hours of 10 s: they run out after node 1 is gone
      timersLeftToNode2.add(apply(node1, "alice", stack.claimVehicle(), 6, PAID_OR_PENDING));
    }
    timersLeftToNode2.forEach(rental -> awaitActive(stack.customerAt(node1, "alice"), rental));

    // payment down: node 1 takes cancels and applications it cannot finish
    stack.stop(RentalStack.PAYMENT_ADAPTER);
    for (String rental : refundsLeftToNode2) {
      Response cancel = stack.customerAt(node1, "bob").cancel(rental);
      assertThat(cancel.status()).as("cancel while payment is down: %s", cancel).isEqualTo(202);
    }
    List<String> retriesLeftToNode2 = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      retriesLeftToNode2.add(apply(node1, "bob", stack.claimVehicle(), 24, PENDING));
    }

    stack.kill(RentalStack.PROCESS_APP);
    Instant killedAt = Instant.now();
    LOG.info("killed node 1 at {}; node 2 alone from now", killedAt);
    sleep(3_000);
    stack.restart(RentalStack.PAYMENT_ADAPTER);

    Duration settled = awaitAllSettled(owners, SETTLE_LIMIT);
    // ACTIVE counts as settled; these run out a minute after they became ACTIVE, which may be later
    timersLeftToNode2.forEach(rental -> awaitStatus(stack.customerAt(node2, "alice"), rental, "COMPLETED"));
    assertThat(node1.isAlive()).as("node 1 stays dead: what happened after the kill was node 2's work").isFalse();

    Map<String, Settled> outcome = readModel();
    assertThat(cancelledAcrossNodes).allSatisfy(id -> assertThat(outcome.get(id).status()).isEqualTo("CANCELLED"));
    assertThat(refundsLeftToNode2).as("cancels taken by node 1, refunded by node 2").allSatisfy(id ->
        assertThat(outcome.get(id)).satisfies(r -> {
          assertThat(r.status()).isEqualTo("CANCELLED");
          assertThat(r.paymentStatus()).isEqualTo("REFUNDED");
          assertThat(r.settledAt()).isAfter(killedAt);
        }));
    assertThat(retriesLeftToNode2).as("applications taken by node 1, charged on retry by node 2").allSatisfy(id ->
        assertThat(outcome.get(id)).satisfies(r -> {
          assertThat(r.status()).isEqualTo("ACTIVE");
          assertThat(r.paymentStatus()).isEqualTo("PAID");
          assertThat(r.settledAt()).isAfter(killedAt);
        }));
    assertThat(timersLeftToNode2).as("rentals started on node 1, run out by node 2's timers").allSatisfy(id ->
        assertThat(outcome.get(id)).satisfies(r -> {
          assertThat(r.status()).isEqualTo("COMPLETED");
          assertThat(r.settledAt()).isAfter(killedAt);
        }));

    Invariants.Result[] invariants = checkInvariants(Duration.ofSeconds(30), since);
    LOG.info("two nodes: {} rentals settled {} s after the stream; invariants\n{}\n{}", owners.size(),
        settled.toSeconds(), invariants[1].invariantTable(), invariants[1].figureTable());
    assertInvariantsHold(invariants[1]);
  }

  private String apply(ServiceProcess node, String customer, Mobility vehicle, int hours, Integer... expected) {
    Response applied = stack.customerAt(node, customer).apply(vehicle.id(), hours);
    assertThat(applied.status()).as("apply on %s: %s", node.name(), applied).isIn((Object[]) expected);
    String id = applied.text("id");
    owners.put(id, customer);
    return id;
  }

  /** The read model's row of a rental: its status and when it last changed. */
  record Settled(String status, String paymentStatus, Instant settledAt) {
  }

  private Map<String, Settled> readModel() {
    Map<String, Settled> rows = new LinkedHashMap<>();
    try (Connection c = stack.connect(RentalStack.PROCESS_APP);
         PreparedStatement ps = c.prepareStatement("SELECT id, status, payment_status, updated_at FROM rental");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.put(rs.getString(1), new Settled(rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the read model", e);
    }
    return rows;
  }
}
