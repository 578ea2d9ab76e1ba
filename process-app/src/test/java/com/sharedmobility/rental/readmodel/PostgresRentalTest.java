package com.sharedmobility.rental.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.idempotency.Claim;
import com.sharedmobility.rental.idempotency.IdempotentRequest;
import com.sharedmobility.rental.idempotency.IdempotentRequests;
import com.sharedmobility.rental.process.RentalProcess;
import com.sharedmobility.rental.usecase.ApplyForRental;
import com.sharedmobility.rental.usecase.CancelRental;
import com.sharedmobility.testsupport.PostgresTestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/** The engine, the read model and the vehicle lock on PostgreSQL, where row locks and isolation are the real ones. */
class PostgresRentalTest extends RentalTestBase {

  private static final PostgresTestDatabase.Database DATABASE = PostgresTestDatabase.create("rental");

  @Autowired
  ApplyForRental applyForRental;
  @Autowired
  CancelRental cancelRental;
  @Autowired
  RentalReadModel readModel;
  @Autowired
  IdempotentRequests idempotentRequests;
  @Autowired
  TransactionTemplate transaction;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    DATABASE.springDatasource().forEach((name, value) -> registry.add(name, () -> value));
  }

  /**
   * My page a million rentals deep: a page after a cursor near the end reads a few pages of the index, as the first
   * page does (an OFFSET would read every row before it).
   */
  @Test
  void aPageFarDownMyPageReadsOnlyItsOwnRowsOfTheIndex() {
    jdbc.sql("INSERT INTO rental (id, customer, mobility_id, hours, amount, currency, status, payment_status,"
            + " process_instance_id, created_at, updated_at)"
            + " SELECT gen_random_uuid()::text, 'deep', 'bike-01', 1, 2.50, 'EUR', 'COMPLETED', 'PAID', 'none',"
            + " now() - i * interval '1 second', now() FROM generate_series(1, 1000000) AS i")
        .update();
    jdbc.sql("ANALYZE rental").update();
    List<RentalView> first = readModel.newestOf("deep", null, 50);
    RentalView farDown = jdbc.sql("SELECT id FROM rental WHERE customer = 'deep' ORDER BY created_at DESC, id DESC"
            + " OFFSET 900000 LIMIT 1").query(String.class).optional()
        .flatMap(id -> readModel.findOwned(id, "deep")).orElseThrow();

    List<RentalView> page = readModel.newestOf("deep", RentalCursor.after(farDown), 50);

    assertThat(first).hasSize(50);
    assertThat(page).hasSize(50).allSatisfy(r -> assertThat(r.createdAt()).isBefore(farDown.createdAt()));
    String plan = String.join("\n", jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM rental WHERE customer = 'deep'"
            + " AND (created_at, id) < (:createdAt, :id) ORDER BY created_at DESC, id DESC LIMIT 51")
        .param("createdAt", Timestamp.from(farDown.createdAt())).param("id", farDown.id())
        .query(String.class).list());
    assertThat(plan).contains("rental_customer_created").doesNotContain("Seq Scan");
    Matcher buffers = Pattern.compile("shared hit=(\\d+)(?: read=(\\d+))?")
        .matcher(plan);
    assertThat(buffers.find()).as(plan).isTrue();
    int read = Integer.parseInt(buffers.group(1)) + (buffers.group(2) == null ? 0 : Integer.parseInt(buffers.group(2)));
    assertThat(read).as(plan).isLessThan(100);
    jdbc.sql("DELETE FROM rental WHERE customer = 'deep'").update();
  }

  /** A day of keys at a dozen applications a second, a tenth of them past their day: the cleanup takes those only. */
  @Test
  void theCleanupOfIdempotencyKeysRemovesTheExpiredOnesFromAMillion() {
    jdbc.sql("INSERT INTO idempotent_request (customer, request_key, fingerprint, status, created_at, expires_at)"
            + " SELECT 'cleanup', 'key-' || i, repeat('f', 64), 201, now() - interval '1 day',"
            + " now() + (CASE WHEN i <= 100000 THEN -1 ELSE 1 END) * (interval '1 hour' + i * interval '1 ms')"
            + " FROM generate_series(1, 1000000) AS i")
        .update();
    jdbc.sql("ANALYZE idempotent_request").update();

    assertThat(idempotentRequests.removeExpired()).isEqualTo(100_000);

    assertThat(jdbc.sql("SELECT COUNT(*) FROM idempotent_request WHERE customer = 'cleanup'").query(Long.class)
        .single()).isEqualTo(900_000L);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM idempotent_request WHERE expires_at < now()").query(Long.class)
        .single()).isZero();
    String plan = String.join("\n", jdbc.sql("EXPLAIN SELECT customer, request_key FROM idempotent_request"
        + " WHERE expires_at < now() ORDER BY expires_at LIMIT 5000").query(String.class).list());
    assertThat(plan).contains("idempotent_request_expires").doesNotContain("Seq Scan");
    jdbc.sql("DELETE FROM idempotent_request WHERE customer = 'cleanup'").update();
  }

  /**
   * A repeat takes over from an attempt whose lease ran out while that attempt's start is still committing: the
   * takeover waits for it and answers with the rental it started, instead of starting a second one.
   */
  @Test
  void aRepeatTakingOverFromAStartThatIsStillCommittingAnswersWithItsRental() throws Exception {
    String key = "takeover-" + UUID.randomUUID();
    IdempotentRequest slow = ((Claim.Work) idempotentRequests.claim("alice", key, "f".repeat(64))).request();
    jdbc.sql("UPDATE idempotent_request SET locked_until = now() - interval '1 second' WHERE request_key = :key")
        .param("key", key).update();
    CountDownLatch bound = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> start = pool.submit(() -> transaction.executeWithoutResult(tx -> {
        idempotentRequests.bind(slow, "rental-of-the-slow-start");
        bound.countDown();
        awaitLatch(commit);
      }));
      awaitLatch(bound);
      Future<Claim> repeat = pool.submit(() -> idempotentRequests.claim("alice", key, "f".repeat(64)));
      // the repeat waits on the row the start has bound (its insert, or its takeover)
      await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity"
          + " WHERE wait_event_type = 'Lock' AND query LIKE '%idempotent_request%'")
          .query(Long.class).single() == 1);
      assertThat(repeat.isDone()).isFalse();
      commit.countDown();
      start.get();

      assertThat(repeat.get()).isInstanceOfSatisfying(Claim.StartedBefore.class,
          started -> assertThat(started.rentalId()).isEqualTo("rental-of-the-slow-start"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ofTwentyRacingApplicationsForOneVehicleExactlyOneWins() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    int racers = 20;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    List<Future<Integer>> outcomes = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      String customer = i % 2 == 0 ? "alice" : "bob";
      Callable<Integer> racer = () -> {
        start.await();
        try {
          applyForRental.apply(customer, "car-03", 1, null, null);
          return 201;
        } catch (ErrorResponseException e) {
          return e.getStatusCode().value();
        }
      };
      outcomes.add(pool.submit(racer));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> outcome : outcomes) {
      statuses.add(outcome.get());
    }
    pool.shutdown();

    assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
    verify(payments, times(1)).charge(any(), any());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM rental WHERE mobility_id = 'car-03'").query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void aCancelledActiveRentalEndsCancelledAndRefundedInTheReadModel() {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    when(payments.refund(any())).thenReturn(REFUNDED);
    RentalView rental = applyForRental.apply("alice", "car-04", 2, null, null);
    complete(externalTaskQuery().processInstanceId(rental.processInstanceId()).singleResult(),
        withVariables(RentalProcess.Variables.KEY, "9876"));
    assertThat(readModel.findOwned(rental.id(), "alice").orElseThrow().key()).isEqualTo("9876");

    cancelRental.cancel("alice", rental.id());
    complete(externalTaskQuery().processInstanceId(rental.processInstanceId()).singleResult());
    engine.getManagementService().executeJob(
        engine.getManagementService().createJobQuery().processInstanceId(rental.processInstanceId()).singleResult()
            .getId());

    RentalView cancelled = readModel.findOwned(rental.id(), "alice").orElseThrow();
    assertThat(cancelled.status()).isEqualTo(RentalStatus.CANCELLED);
    assertThat(cancelled.paymentStatus()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(cancelled.key()).isNull();
    assertThat(readModel.hasLiveRental("car-04")).isFalse();
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).as("the other side came").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
