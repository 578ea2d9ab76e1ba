package com.sharedmobility.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.http.HttpProtocolBuilder;
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

  private BenchSettings() {
  }

  static HttpProtocolBuilder protocol() {
    // one connection pool for all virtual users, as behind a gateway; loopback only
    return http.baseUrl(BASE_URL).contentTypeHeader("application/json").acceptHeader("application/json")
        .shareConnections();
  }

  /** Each record: a vehicle nobody rents yet, and alice or bob in turn (the local profile's customers). */
  static Iterator<Map<String, Object>> vehicles() {
    AtomicLong next = new AtomicLong(VEHICLE_FROM);
    return Stream.generate(() -> {
      long n = next.getAndIncrement();
      return Map.<String, Object>of("vehicle", "bench-" + n, "customer", n % 2 == 0 ? "alice" : "bob");
    }).iterator();
  }

  /** POST /rentals for a fresh vehicle; 201 (paid) or 202 (payment unavailable) are the answers of a working service. */
  static ChainBuilder apply() {
    return CoreDsl.feed(vehicles())
        .exec(http("apply").post("/rentals")
            .basicAuth("#{customer}", "#{customer}")
            .body(StringBody("{\"mobilityId\":\"#{vehicle}\",\"hours\":1}"))
            .check(status().in(201, 202), jsonPath("$.id").saveAs("rentalId")));
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
