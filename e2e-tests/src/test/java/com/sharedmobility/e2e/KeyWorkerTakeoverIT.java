package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import com.sharedmobility.e2e.StackData.Key;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * key-adapter killed while it holds external task locks. The tests make the worker hold them deterministically:
 * an exclusive lock on its {@code rental_key} table, taken by the test, stops the worker inside the task, after the
 * fetch and before its key is committed (or, for the second and third test, a lock on the rental's read-model row
 * stops the engine inside the worker's {@code complete}, after the key was committed).
 *
 * <p>The stack's key-adapter runs with {@code CAMUNDA_BPM_CLIENT_LOCKDURATION=5000}: a task a dead worker had
 * locked is handed out again after 5 s.
 */
@Order(2000)
class KeyWorkerTakeoverIT extends FaultInjectionTest {

  private static final int HOURS = 24;
  private static final String ISSUE_KEY = "issue-key";
  /**
   * How long a worker may take to fetch a new task: an idle worker long-polls for 5 s (key-adapter's
   * async-response-timeout), and a fresh one was seen to answer a task created during its first poll only then;
   * the rest is a busy machine's start-up.
   */
  private static final Duration FETCH_WAIT = Duration.ofSeconds(30);

  /**
   * Three applications whose key tasks the worker has fetched and locked when it dies, and two made while it is
   * down: all wait in KEY_PENDING, and after the restart each becomes ACTIVE with exactly one key.
   */
  @Test
  void applicationsWaitInKeyPendingWhileTheKeyWorkerIsDeadAndGetExactlyOneKeyEachAfterItsRestart() throws Exception {
    Map<String, String> owners = new LinkedHashMap<>();
    Map<String, Mobility> vehicles = new LinkedHashMap<>();
    Map<String, Instant> lockedAtKill;
    Instant start = Instant.now();
    try (Connection keyDb = stack.connect(RentalStack.KEY_ADAPTER)) {
      keyDb.setAutoCommit(false);
      try (Statement st = keyDb.createStatement()) {
        st.execute("LOCK TABLE rental_key IN EXCLUSIVE MODE"); // reads go on, the worker's insert waits
      }
      for (int i = 0; i < 3; i++) {
        applyKeyPending(i % 2 == 0 ? "alice" : "bob", owners, vehicles);
      }
      lockedAtKill = awaitIssueKeyTasksLocked(owners.keySet(), FETCH_WAIT);
      stack.kill(RentalStack.KEY_ADAPTER);
      keyDb.rollback();
    } catch (RuntimeException | SQLException | Error e) {
      ensureRunning(RentalStack.KEY_ADAPTER);
      throw e;
    }
    LOG.info("key-adapter killed while holding the issue-key tasks of {} (lock expiry)", lockedAtKill);
    assertThat(lockedAtKill).as("issue-key tasks locked by the worker when it was killed").isNotEmpty();

    try {
      for (int i = 0; i < 2; i++) {
        applyKeyPending(i % 2 == 0 ? "alice" : "bob", owners, vehicles);
      }
      // without a worker they stay KEY_PENDING, and the dead worker's half-done insert left no key behind
      Instant until = Instant.now().plusSeconds(3);
      while (Instant.now().isBefore(until)) {
        owners.forEach((id, customer) -> {
          Response r = stack.customer(customer).rental(id);
          assertThat(r.text("status")).as("while key-adapter is down: %s", r).isEqualTo("KEY_PENDING");
        });
        assertThat(keysOf(owners.keySet())).as("keys while key-adapter is down").isEmpty();
        sleep(500);
      }
    } finally {
      Duration took = stack.restart(RentalStack.KEY_ADAPTER);
      LOG.info("key-adapter restarted in {} s", took.toSeconds());
    }

    Map<String, String> codes = new LinkedHashMap<>();
    owners.forEach((id, customer) -> {
      JsonNode active = awaitActive(stack.customer(customer), id);
      codes.put(id, active.path("key").asText());
    });
    Map<String, Key> keys = keysOf(owners.keySet());
    for (String id : owners.keySet()) {
      Key key = keys.get(id);
      assertThat(key).as("the key of rental %s", id).isNotNull();
      assertThat(key.status()).as("key of %s", id).isEqualTo("ISSUED");
      assertThat(key.code()).as("the code in the key store and on the rental %s", id).isEqualTo(codes.get(id));
      Response verified = stack.vehicleUnit().verifyKey(vehicles.get(id).id(), codes.get(id));
      assertThat(verified.json().path("valid").asBoolean(false)).as("verify the key of %s: %s", id, verified)
          .isTrue();
      assertThat(verified.text("rentalId")).as("verify the key of %s: %s", id, verified).isEqualTo(id);
    }
    assertThat(engineState(owners.keySet())).as("no incident").doesNotContain("incident_type_=");
    Invariants.Result[] readings = checkInvariants(Duration.ofSeconds(30), start);
    LOG.info("invariants after the key worker takeover:\n{}\n{}", readings[1].invariantTable(),
        readings[1].figureTable());
    assertInvariantsHold(readings[1]);
  }

  /**
   * The worker committed the key and died before the engine took its {@code complete}. The task comes back after
   * its lock ran out, the restarted worker hands over the same code, and the rental becomes ACTIVE; the key must
   * then open the vehicle as long as the rental lasts (rental-api.md: until hours x RENTAL_HOUR have passed).
   */
  @Test
  void aKeyCommittedByAWorkerThatDiedBeforeReportingItWorksForTheWholeRental() throws Exception {
    Map<String, String> owners = new LinkedHashMap<>();
    Map<String, Mobility> vehicles = new LinkedHashMap<>();
    String id = keyCommittedThenWorkerKilled("alice", owners, vehicles);
    Key committed = keysOf(List.of(id)).get(id);

    Duration took = stack.restart(RentalStack.KEY_ADAPTER);
    LOG.info("key-adapter restarted in {} s", took.toSeconds());
    JsonNode active = awaitActive(stack.alice(), id);
    assertThat(active.path("key").asText()).as("the redelivered task hands over the committed code")
        .isEqualTo(committed.code());
    Key key = keysOf(List.of(id)).get(id);
    Instant rentalEnds = timeUpDueDate(id).orElseThrow(() -> new AssertionError("no time-up timer for " + id));
    LOG.info("rental {}: key issued {}, valid until {}; the rental's time-up timer is due {} ({} s later)", id,
        key.issuedAt(), key.validUntil(), rentalEnds, Duration.between(key.validUntil(), rentalEnds).toSeconds());
    assertThat(key.validUntil())
        .as("the key of rental %s (issued %s, before the worker died) must work until the rental ends at %s",
            id, key.issuedAt(), rentalEnds)
        .isAfterOrEqualTo(rentalEnds.minusSeconds(1));

    Response cancelled = stack.alice().cancel(id);
    assertThat(cancelled.status()).as("cancel: %s", cancelled).isEqualTo(202);
    awaitStatus(stack.alice(), id, "CANCELLED");
  }

  /**
   * The worker committed the key and died before the engine took its {@code complete}; the customer cancels the
   * KEY_PENDING rental meanwhile. The issue-key activity never completed, so compensation does not revoke the key,
   * and the worker that would have noticed the vanished task is dead: the key must nevertheless not stay live, and
   * (rental-api.md: revoked and refunded, in that order) it must be revoked before the money goes back.
   */
  @Test
  void aKeyCommittedByAWorkerThatDiedBeforeReportingItDoesNotOutliveACancel() throws Exception {
    Map<String, String> owners = new LinkedHashMap<>();
    Map<String, Mobility> vehicles = new LinkedHashMap<>();
    Instant start = Instant.now();
    String id;
    try {
      id = keyCommittedThenWorkerKilled("bob", owners, vehicles);
      Response cancelled = stack.bob().cancel(id);
      assertThat(cancelled.status()).as("cancel while KEY_PENDING and the worker is dead: %s", cancelled)
          .isEqualTo(202);
    } finally {
      // the worker comes back (a cancel that revokes through revoke-key needs it)
      ensureRunning(RentalStack.KEY_ADAPTER);
    }
    awaitStatus(stack.bob(), id, "CANCELLED");
    // give the restarted worker time (the dead worker's lock is 5 s) to do whatever else would revoke it
    sleep(6_000);
    Key key = keysOf(List.of(id)).get(id);
    Response verified = stack.vehicleUnit().verifyKey(vehicles.get(id).id(), key.code());
    LOG.info("rental {} CANCELLED; its key: {} valid until {}; verify: {}", id, key.status(), key.validUntil(),
        verified);
    Invariants.Result result = Invariants.check(StackData.read(stack).since(start), TIME_UP_GRACE);
    LOG.info("invariants:\n{}\n{}", result.invariantTable(), result.violationDetails());
    assertThat(verified.json().path("valid").asBoolean(true))
        .as("the key of CANCELLED rental %s (%s, valid until %s) must not open vehicle %s: %s", id, key.status(),
            key.validUntil(), vehicles.get(id).idText(), verified)
        .isFalse();
    assertInvariantsHold(result); // among them: no live key for it, and its refund not before the revoke
  }

  /**
   * The worker committed the key of a 6-hour rental (30 s here) and died before the engine took its
   * {@code complete}, and stays down until that key has run out. The key was never handed over (its task is still
   * open, and the rental's time starts only when the engine takes the key), so the redelivered task renews it:
   * the same code, valid for the rental's hours from then on, and the rental becomes ACTIVE with it, without an
   * operator (bug D of docs/reliability.md: before, the paid rental waited for the manual key task).
   */
  @Test
  void aKeyThatRanOutBeforeItsTaskCameBackIsRenewedAndActivatesTheRental() throws Exception {
    Map<String, String> owners = new LinkedHashMap<>();
    Map<String, Mobility> vehicles = new LinkedHashMap<>();
    Instant start = Instant.now();
    String id;
    Key ranOut;
    try {
      // 6 hours: once renewed the key works long enough for the checks below, before the rental's time-up
      id = keyCommittedThenWorkerKilled("alice", 6, owners, vehicles);
      ranOut = keysOf(List.of(id)).get(id);
      sleep(Math.max(0, Duration.between(Instant.now(), ranOut.validUntil()).toMillis()) + 500);
    } finally {
      ensureRunning(RentalStack.KEY_ADAPTER);
    }

    JsonNode active = awaitActive(stack.alice(), id);
    LOG.info("rental {}: key valid until {} ran out before the task came back; now ACTIVE with {}", id,
        ranOut.validUntil(), active.path("key").asText());
    assertThat(active.path("key").asText()).as("the renewed key is the one issued").isEqualTo(ranOut.code());
    Key renewed = keysOf(List.of(id)).get(id);
    assertThat(renewed.validUntil()).as("valid again, for the rental's hours").isAfter(Instant.now());
    Response verified = stack.vehicleUnit().verifyKey(vehicles.get(id).id(), ranOut.code());
    assertThat(verified.text("rentalId")).as("verify the renewed key: %s", verified).isEqualTo(id);
    RentalApiClient engine = RentalApiClient.as(stack.processApp().baseUrl() + "/engine-rest", "ops", "ops");
    Response tasks = engine.get("/task?candidateGroup=ops&processInstanceBusinessKey=" + id);
    assertThat(tasks.json()).as("no manual key task: %s", tasks).isEmpty();
    assertThat(engineState(List.of(id))).as("no incident").doesNotContain("incident_type_=");
    assertInvariantsHold(checkInvariants(Duration.ofSeconds(30), start)[1]);
  }

  // ---------------------------------------------------------------- setting the scene

  private static String applyKeyPending(String customer, Map<String, String> owners,
      Map<String, Mobility> vehicles) {
    return applyKeyPending(customer, HOURS, owners, vehicles);
  }

  private static String applyKeyPending(String customer, int hours, Map<String, String> owners,
      Map<String, Mobility> vehicles) {
    Mobility vehicle = stack.claimVehicle();
    Response applied = stack.customer(customer).apply(vehicle.id(), hours);
    assertThat(applied.status()).as("apply: %s", applied).isEqualTo(201);
    assertThat(applied.text("status")).as("apply: %s", applied).isEqualTo("KEY_PENDING");
    String id = rentalId(applied);
    owners.put(id, customer);
    vehicles.put(id, vehicle);
    return id;
  }

  /**
   * Leaves one KEY_PENDING rental whose key the worker committed and whose {@code complete} the engine never
   * took, with the worker dead: the worker is held before its insert (table lock), the engine is held inside the
   * worker's {@code complete} (lock on the rental's read-model row, which the ACTIVE listener updates), the worker
   * is killed, then the engine's waiting statement is cancelled so that the {@code complete} fails.
   */
  private static String keyCommittedThenWorkerKilled(String customer, Map<String, String> owners,
      Map<String, Mobility> vehicles) throws SQLException {
    return keyCommittedThenWorkerKilled(customer, HOURS, owners, vehicles);
  }

  private static String keyCommittedThenWorkerKilled(String customer, int hours, Map<String, String> owners,
      Map<String, Mobility> vehicles) throws SQLException {
    String id;
    try (Connection keyDb = stack.connect(RentalStack.KEY_ADAPTER);
         Connection rentalDb = stack.connect(RentalStack.PROCESS_APP)) {
      keyDb.setAutoCommit(false);
      rentalDb.setAutoCommit(false);
      try (Statement st = keyDb.createStatement()) {
        st.execute("LOCK TABLE rental_key IN EXCLUSIVE MODE");
      }
      id = applyKeyPending(customer, hours, owners, vehicles);
      awaitIssueKeyTasksLocked(List.of(id), FETCH_WAIT);
      try (PreparedStatement ps = rentalDb.prepareStatement("SELECT id FROM rental WHERE id = ? FOR UPDATE")) {
        ps.setString(1, id);
        ps.executeQuery().close();
      }
      keyDb.rollback(); // the worker's insert goes through and commits; its complete waits for the row
      awaitCondition("the key of " + id + " committed", Duration.ofSeconds(15),
          () -> keysOf(List.of(id)).containsKey(id));
      int engineBackend = awaitBackendWaitingForALock(rentalDb, Duration.ofSeconds(15));
      stack.kill(RentalStack.KEY_ADAPTER);
      try (PreparedStatement ps = rentalDb.prepareStatement("SELECT pg_cancel_backend(?)")) {
        ps.setInt(1, engineBackend);
        ps.executeQuery().close();
      }
      rentalDb.rollback();
    } catch (RuntimeException | SQLException | Error e) {
      ensureRunning(RentalStack.KEY_ADAPTER);
      throw e;
    }
    Response r = stack.customer(customer).rental(id);
    assertThat(r.text("status")).as("the engine did not take the dead worker's complete: %s", r)
        .isEqualTo("KEY_PENDING");
    LOG.info("rental {}: key committed by a worker that was killed before its complete went through", id);
    return id;
  }

  // ---------------------------------------------------------------- reading the databases

  /**
   * Waits until the worker holds the issue-key task of each rental, or of some of them for a second (a worker
   * stuck in one task fetches no more), while its locks (5 s) still hold.
   */
  private static Map<String, Instant> awaitIssueKeyTasksLocked(Collection<String> rentalIds,
      Duration atMost) {
    Instant deadline = Instant.now().plus(atMost);
    Instant firstSeen = null;
    while (Instant.now().isBefore(deadline)) {
      Map<String, Instant> locked = lockedIssueKeyTasks(rentalIds);
      if (!locked.isEmpty() && firstSeen == null) {
        firstSeen = Instant.now();
      }
      if (locked.size() == rentalIds.size()
          || !locked.isEmpty() && firstSeen.isBefore(Instant.now().minusSeconds(1))) {
        return locked;
      }
      sleep(100);
    }
    throw new AssertionError("the worker held none of the issue-key tasks of " + rentalIds + " for a second within "
        + atMost.toSeconds() + " s\n" + engineState(rentalIds));
  }

  private static Map<String, Instant> lockedIssueKeyTasks(Collection<String> rentalIds) {
    Map<String, Instant> locked = new LinkedHashMap<>();
    try (Connection c = stack.connect(RentalStack.PROCESS_APP);
         PreparedStatement ps = c.prepareStatement("SELECT p.business_key_, t.lock_exp_time_ FROM act_ru_ext_task t"
             + " JOIN act_hi_procinst p ON p.proc_inst_id_ = t.proc_inst_id_"
             + " WHERE t.topic_name_ = ? AND t.worker_id_ IS NOT NULL AND t.lock_exp_time_ IS NOT NULL")) {
      ps.setString(1, ISSUE_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant expiry = rs.getTimestamp(2).toInstant();
          if (rentalIds.contains(rs.getString(1)) && expiry.isAfter(Instant.now())) {
            locked.put(rs.getString(1), expiry);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return locked;
  }

  private static Map<String, Key> keysOf(Collection<String> rentalIds) {
    Map<String, Key> keys = new LinkedHashMap<>();
    StackData.read(stack).keys().forEach((id, key) -> {
      if (rentalIds.contains(id)) {
        keys.put(id, key);
      }
    });
    return keys;
  }

  /** The due date of the rental's time-up timer (the engine stores it in its JVM's local time, as does JDBC). */
  private static Optional<Instant> timeUpDueDate(String rentalId) throws SQLException {
    try (Connection c = stack.connect(RentalStack.PROCESS_APP);
         PreparedStatement ps = c.prepareStatement("SELECT j.duedate_ FROM act_ru_job j JOIN act_hi_procinst p"
             + " ON p.proc_inst_id_ = j.process_instance_id_ WHERE p.business_key_ = ? AND j.type_ = 'timer'")) {
      ps.setString(1, rentalId);
      try (ResultSet rs = ps.executeQuery()) {
        List<Instant> due = new ArrayList<>();
        while (rs.next()) {
          Timestamp t = rs.getTimestamp(1);
          due.add(t.toInstant());
        }
        return due.stream().max(Instant::compareTo);
      }
    }
  }

  /** The pid of the backend that waits for a lock {@code c}'s transaction holds. */
  private static int awaitBackendWaitingForALock(Connection c, Duration atMost) throws SQLException {
    Instant deadline = Instant.now().plus(atMost);
    while (Instant.now().isBefore(deadline)) {
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT pid, query FROM pg_stat_activity"
               + " WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))")) {
        if (rs.next()) {
          LOG.info("engine backend {} waits for the rental row: {}", rs.getInt(1),
              ServiceProcess.abbreviate(rs.getString(2), 200));
          return rs.getInt(1);
        }
      }
      sleep(100);
    }
    throw new AssertionError("no statement of process-app waited for the locked rental row within "
        + atMost.toSeconds() + " s");
  }

  private static void awaitCondition(String description, Duration atMost, BooleanSupplier ok) {
    Instant deadline = Instant.now().plus(atMost);
    while (!ok.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(description + ": not within " + atMost.toSeconds() + " s");
      }
      sleep(100);
    }
  }

  private static void ensureRunning(String service) {
    if (!stack.service(service).isAlive()) {
      stack.restart(service);
    }
  }
}
