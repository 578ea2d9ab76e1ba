package com.sharedmobility.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Builds a backlog of {@code bench.count} paid rentals waiting for their key, fast: the engine REST of process-app
 * starts each instance before "Issue key" (as an administrator's start instruction would), with the variables a
 * charged application has; the listener writes its KEY_PENDING row as for any rental. No customer call, no charge:
 * only the key pipeline is measured with it. The rentals last a day, so no time-up comes during the run.
 */
public class KeyBacklogSimulation extends Simulation {

  private static final long COUNT = Long.getLong("bench.count", 1000);
  /** bench/run.sh inserts the vehicles backlog-1 ... backlog-N; each backlog level starts after the last. */
  private static final AtomicLong NEXT = new AtomicLong(Long.getLong("bench.backlogFrom", 1));

  {
    long perUser = Math.max(1, COUNT / BenchSettings.USERS);
    setUp(scenario("key backlog")
        .exec(repeat((int) perUser).on(
            feed(Stream.generate(() -> Map.<String, Object>of(
                "rentalId", UUID.randomUUID().toString(), "vehicle", "backlog-" + NEXT.getAndIncrement())).iterator())
            .exec(http("start").post("/engine-rest/process-definition/key/rental/start")
                .basicAuth("admin", "admin")
                .body(StringBody("""
                    {"businessKey": "#{rentalId}",
                     "variables": {
                       "rentalId": {"value": "#{rentalId}", "type": "String"},
                       "customer": {"value": "alice", "type": "String"},
                       "mobilityId": {"value": "#{vehicle}", "type": "String"},
                       "hours": {"value": 24, "type": "Integer"},
                       "rentalDuration": {"value": "PT24H", "type": "String"},
                       "paymentMethod": {"value": "pm_card_visa", "type": "String"},
                       "amount": {"value": 48.0, "type": "Double"},
                       "currency": {"value": "EUR", "type": "String"},
                       "paymentStatus": {"value": "PAID", "type": "String"},
                       "paymentAttempts": {"value": 1, "type": "Integer"}},
                     "startInstructions": [{"type": "startBeforeActivity", "activityId": "Task_IssueKey"}]}"""))
                .check(status().is(200)))))
        .injectOpen(atOnceUsers(BenchSettings.USERS)))
        .protocols(BenchSettings.protocol())
        .assertions(BenchSettings.figuresOf("start"));
  }
}
