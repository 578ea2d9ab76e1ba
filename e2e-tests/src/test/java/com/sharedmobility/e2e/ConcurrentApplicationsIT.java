package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * 50 customers apply for the same vehicle at the same moment, through the whole stack: one gets it, 49 are told
 * it is taken, and only one charge reaches the payment ledger.
 */
@Order(50)
class ConcurrentApplicationsIT extends E2eTest {

  private static final int APPLICANTS = 50;
  /** Long enough to stay the vehicle's live rental while the other 49 apply. */
  private static final int HOURS = 24;

  @Test
  void fiftyConcurrentApplicationsForOneVehicleMakeOneRentalAndOneCharge() throws Exception {
    Mobility vehicle = stack.claimVehicle();
    CountDownLatch ready = new CountDownLatch(APPLICANTS);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(APPLICANTS);
    List<Future<Response>> answers = new ArrayList<>();
    Instant before;
    Instant after;
    try {
      for (int i = 0; i < APPLICANTS; i++) {
        RentalApiClient customer = i % 2 == 0 ? stack.alice() : stack.bob();
        answers.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return customer.apply(vehicle.id(), HOURS);
        }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("all %d applicants ready", APPLICANTS).isTrue();
      before = Instant.now();
      go.countDown();
      List<Response> responses = new ArrayList<>();
      for (Future<Response> f : answers) {
        responses.add(f.get(90, TimeUnit.SECONDS));
      }
      after = Instant.now();

      Map<Integer, Integer> byStatus = new TreeMap<>();
      responses.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
      LOG.info("{} concurrent applications for {} answered within {} ms: {}", APPLICANTS, vehicle.idText(),
          Duration.between(before, after).toMillis(), byStatus);

      List<Response> created = responses.stream().filter(r -> r.status() == 201).toList();
      assertThat(byStatus).as("answers to %d concurrent applications for one vehicle", APPLICANTS)
          .isEqualTo(Map.of(201, 1, 409, APPLICANTS - 1));
      responses.stream().filter(r -> r.status() == 409).forEach(r -> assertProblem(r, 409));
      Response winner = created.get(0);
      String id = rentalId(winner);

      // the read model: exactly one rental of this vehicle, the winner's
      List<String> rentalsOfVehicle = rentalsOf(vehicle.idText());
      assertThat(rentalsOfVehicle).as("rentals of %s in the read model", vehicle.idText()).containsExactly(id);

      // the ledger: one charge for the vehicle's rentals, and no other charge booked during the burst
      // (a start that rolled back after charging would leave one without a rental)
      awaitActive(stack.customer(winner.text("customer")), id);
      Map<String, List<String>> ledger = ledgerEntriesBookedBetween(before, Instant.now());
      LOG.info("ledger entries booked since the burst began: {}", ledger);
      assertThat(ledger).as("ledger entries booked since the burst began (rental id -> types)")
          .isEqualTo(Map.of(id, List.of("CHARGE")));
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> rentalsOf(String mobilityId) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = stack.connect(RentalStack.PROCESS_APP);
         PreparedStatement ps = c.prepareStatement("SELECT id FROM rental WHERE mobility_id = ?")) {
      ps.setString(1, mobilityId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  private static Map<String, List<String>> ledgerEntriesBookedBetween(Instant from, Instant to) throws SQLException {
    Map<String, List<String>> entries = new TreeMap<>();
    try (Connection c = stack.connect(RentalStack.PAYMENT_ADAPTER);
         PreparedStatement ps = c.prepareStatement("SELECT rental_id::text, type FROM ledger_entry"
             + " WHERE booked_at >= ? AND booked_at <= ? ORDER BY id")) {
      ps.setTimestamp(1, Timestamp.from(from.minusMillis(5)));
      ps.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return entries;
  }
}
