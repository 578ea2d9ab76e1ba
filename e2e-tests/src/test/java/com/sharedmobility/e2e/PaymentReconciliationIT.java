package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation against the real payment service, its ledger holding a million payments of completed rentals,
 * while applications are paid as fast as the stack takes them: an orphan charge (money taken for a start that rolled
 * back) is released within grace + 2 intervals, although a thousand newer charges arrived before it was old enough
 * to count (what a pass over "the newest 1 000 charged" never saw), and no charge of a rental that exists is ever
 * refunded by it.
 */
@Order(2250)
@ReconciliationStack
class PaymentReconciliationIT extends E2eTest {

  private static final Duration GRACE = ReconciliationStack.GRACE;
  private static final Duration INTERVAL = ReconciliationStack.INTERVAL;
  private static final int NEWER_CHARGES = 1_000;
  private static final int LEDGER_SIZE = 1_000_000;
  private static final int CLIENTS = 8;

  @Test
  void anOrphanChargeIsReleasedInTimeWhileAThousandNewerChargesArrive() throws Exception {
    List<Mobility> vehicles = stack.addVehicles("recon-", NEWER_CHARGES + 200);
    fillLedgerWithCompletedRentals();
    String orphan = UUID.randomUUID().toString();
    RentalApiClient processAppAccount = RentalApiClient.as(stack.paymentAdapter().baseUrl(), "process-app",
        "process-app");
    Response charged = processAppAccount.post("/payments/" + orphan + "/charge",
        RentalApiClient.JSON.readTree("{\"amount\": 7.50, \"currency\": \"EUR\", \"paymentMethod\": \"pm_card_visa\","
            + " \"customer\": \"alice\"}"));
    assertThat(charged.status()).as("%s", charged).isEqualTo(200);
    Instant chargedAt = Instant.parse(charged.text("createdAt"));

    Set<String> paid = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      clients.execute(() -> {
        for (int v = next.getAndIncrement(); paid.size() < NEWER_CHARGES && v < vehicles.size();
             v = next.getAndIncrement()) {
          applyUntilAnswered(vehicles.get(v), paid);
        }
      });
    }
    clients.shutdown();
    assertThat(clients.awaitTermination(5, TimeUnit.MINUTES)).as("the stream ended").isTrue();
    assertThat(paid).hasSizeGreaterThanOrEqualTo(NEWER_CHARGES);

    JsonNode payment = await("the orphan released").atMost(GRACE.plus(INTERVAL.multipliedBy(2)).plusSeconds(30))
        .pollInterval(POLL).until(() -> stack.payments().payment(orphan).json(),
            p -> "REFUNDED".equals(p.path("status").asText()));
    Instant releasedAt = Instant.parse(payment.path("entries").get(1).path("at").asText());
    LOG.info("orphan charged at {}, released at {} ({} later), {} newer charges paid meanwhile, {} of them before"
        + " the orphan counted", chargedAt, releasedAt, Duration.between(chargedAt, releasedAt), paid.size(),
        paidBefore(chargedAt.plus(GRACE)));
    assertThat(Duration.between(chargedAt, releasedAt)).isLessThanOrEqualTo(GRACE.plus(INTERVAL.multipliedBy(2)));

    // every newer charge stands behind a rental: confirmed within the same time, none refunded by the reconciliation
    await("every paid rental's charge confirmed").atMost(GRACE.plus(INTERVAL.multipliedBy(2)).plusSeconds(30))
        .pollInterval(Duration.ofSeconds(1)).until(() -> unconfirmedChargesOf(paid) == 0);
    assertThat(refundsOf(paid)).as("refunds of paid rentals nobody cancelled").isZero();
  }

  /** Payments of rentals long completed, confirmed when they were made: what a year of business leaves. */
  private static void fillLedgerWithCompletedRentals() throws SQLException {
    try (Connection c = stack.connect(RentalStack.PAYMENT_ADAPTER); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO payment (rental_id, customer, amount, currency, payment_method, status,"
          + " created_at, updated_at, confirmed_at) SELECT gen_random_uuid(), 'alice', 5.00, 'EUR', 'pm_card_visa',"
          + " 'CHARGED', t, t, t + interval '1 minute' FROM generate_series(1, " + LEDGER_SIZE + ") AS i,"
          + " LATERAL (SELECT now() - interval '30 days' + i * interval '1 second') AS x(t)");
      s.execute("ANALYZE payment");
    }
  }

  /** One application, repeated after Retry-After while the stack is busy; a paid one is remembered. */
  private static void applyUntilAnswered(Mobility vehicle, Set<String> paid) {
    RentalApiClient alice = stack.alice();
    for (int attempt = 0; attempt < 100; attempt++) {
      Response answer = alice.apply(vehicle.id(), 24);
      if (answer.status() == 503) {
        sleep(Duration.ofSeconds(Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1"))));
        continue;
      }
      assertThat(answer.status()).as("%s", answer).isIn(201, 202);
      paid.add(answer.text("id"));
      return;
    }
    throw new AssertionError("application for " + vehicle.idText() + " refused 100 times");
  }

  private static long unconfirmedChargesOf(Set<String> rentals) throws SQLException {
    return count("SELECT COUNT(*) FROM payment WHERE status = 'CHARGED' AND confirmed_at IS NULL"
        + " AND rental_id::text IN (" + quoted(rentals) + ")");
  }

  private static long paidBefore(Instant t) throws SQLException {
    return count("SELECT COUNT(*) FROM payment WHERE status = 'CHARGED' AND created_at < '" + t + "'"
        + " AND created_at > now() - interval '1 day'");
  }

  private static long refundsOf(Set<String> rentals) throws SQLException {
    return count("SELECT COUNT(*) FROM ledger_entry WHERE type = 'REFUND' AND rental_id::text IN ("
        + quoted(rentals) + ")");
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = stack.connect(RentalStack.PAYMENT_ADAPTER); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String quoted(Set<String> ids) {
    return String.join(",", ids.stream().map(id -> "'" + UUID.fromString(id) + "'").toList());
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
