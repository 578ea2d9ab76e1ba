package com.sharedmobility.bench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/** Closed model: {@code bench.users} customers apply back to back for {@code bench.seconds}. */
public class ApplyClosedSimulation extends Simulation {

  {
    setUp(scenario("apply, closed").exec(BenchSettings.apply())
        .injectClosed(constantConcurrentUsers(BenchSettings.USERS).during(Duration.ofSeconds(BenchSettings.SECONDS))))
        .protocols(BenchSettings.protocol())
        .assertions(BenchSettings.figuresOf("apply"));
  }
}
