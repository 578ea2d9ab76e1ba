package com.sharedmobility.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * The yardstick of {@code POST /rentals}: the engine REST of a bare app (bench/ceiling-app) on the same PostgreSQL
 * starts a process that waits at an external task (the shape of an application, without its work: no security,
 * pricing, charge or read model), in the closed model and with the connections of the closed apply phase.
 */
public class StartWaitCeilingSimulation extends Simulation {

  {
    setUp(scenario("start-wait, closed")
        .exec(http("start").post("/engine-rest/process-definition/key/bench-start-wait/start")
            .body(StringBody("{}"))
            .check(status().is(200)))
        .injectClosed(constantConcurrentUsers(BenchSettings.USERS).during(Duration.ofSeconds(BenchSettings.SECONDS))))
        .protocols(BenchSettings.protocol())
        .assertions(BenchSettings.figuresOf("start"));
  }
}
