package com.sharedmobility.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What the simulations share: settings from system properties (bench/run.sh sets them), the HTTP protocol, the
 * vehicle feeder and the apply / cancel requests.
 */
final class BenchSettings {

  static final String BASE_URL = System.getProperty("bench.baseUrl", "http://127.0.0.1:8080");
  static final int SECONDS = Integer.getInteger("bench.seconds", 30);
  static final int USERS = Integer.getInteger("bench.users", 8);
  static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "50"));
  /** The share of applications that are cancelled a second after their answer (open model only). */
  static final double CANCEL_SHARE = Double.parseDouble(System.getProperty("bench.cancelShare", "0"));
  /** bench/run.sh inserts vehicles bench-1 ... bench-N; each phase starts at its own number, so none is rented. */
  static final long VEHICLE_FROM = Long.getLong("bench.vehicleFrom", 1);
  /**
   * The answers that count as success: 201 (paid) while the payment service is up, so that a 202 (breaker open or
   * payment slow) shows as a failure; bench/run.sh adds 202 for the runs with the payment service down.
   */
  static final List<Integer> EXPECTED_STATUSES = Stream.of(System.getProperty("bench.expectStatus", "201").split(","))
      .map(String::trim).map(Integer::valueOf).toList();
  private static final int REFUSED = 503;
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
  // one sequence for all scenarios of a run: two feeders from the same start would rent the same vehicle twice
  private static final AtomicLong NEXT_VEHICLE = new AtomicLong(VEHICLE_FROM);

  private BenchSettings() {
  }

  static HttpProtocolBuilder protocol() {
    // one connection pool for all virtual users, as behind a gateway; loopback only
    // several nodes, comma-separated: each virtual user (one application) goes to the next one in turn
    return http.baseUrls(BASE_URL.split(",")).contentTypeHeader("application/json").acceptHeader("application/json")
        .shareConnections();
  }

  /** Each record: a vehicle nobody rents yet, and alice or bob in turn (the local profile's customers). */
  static Iterator<Map<String, Object>> vehicles() {
    return Stream.generate(() -> {
      long n = NEXT_VEHICLE.getAndIncrement();
      return Map.<String, Object>of("vehicle", "bench-" + n, "customer", n % 2 == 0 ? "alice" : "bob");
    }).iterator();
  }

  /**
   * POST /rentals for a fresh vehicle; a user whose application failed stops there (nothing to cancel). A refused
   * one (503) first waits as its {@code Retry-After} tells (1 s), as a real client does: a closed user that asked
   * again at once would measure how fast the service refuses, not what it can finish.
   */
  static ChainBuilder apply() {
    return CoreDsl.feed(vehicles())
        .exec(http("apply").post("/rentals")
            .basicAuth("#{customer}", "#{customer}")
            .body(StringBody("{\"mobilityId\":\"#{vehicle}\",\"hours\":1}"))
            .check(status().saveAs("status"), status().in(EXPECTED_STATUSES),
                jsonPath("$.id").optional().saveAs("rentalId")))
        .doIf(session -> session.contains("status") && session.getInt("status") == REFUSED)
        .then(CoreDsl.pause(RETRY_AFTER))
        .exitHereIfFailed()
        .exitHereIf(session -> !session.contains("rentalId"));
  }

  /**
   * Assertions that always hold: Gatling writes each one's actual value to {@code js/assertions.json}, the only
   * machine-readable per-request figures of its report; bench/run.sh reads them from there.
   */
  static List<Assertion> figuresOf(String... requests) {
    List<Assertion> figures = new ArrayList<>();
    for (String request : requests) {
      figures.add(CoreDsl.details(request).successfulRequests().count().gte(0L));
      figures.add(CoreDsl.details(request).failedRequests().count().gte(0L));
      figures.add(CoreDsl.details(request).responseTime().percentile(50.0).gte(0));
      figures.add(CoreDsl.details(request).responseTime().percentile(95.0).gte(0));
      figures.add(CoreDsl.details(request).responseTime().percentile(99.0).gte(0));
      figures.add(CoreDsl.details(request).responseTime().max().gte(0));
    }
    return figures;
  }

  static ChainBuilder cancel() {
    return CoreDsl.exec(http("cancel").post("/rentals/#{rentalId}/cancel")
        .basicAuth("#{customer}", "#{customer}")
        .check(status().in(200, 202)));
  }
}
