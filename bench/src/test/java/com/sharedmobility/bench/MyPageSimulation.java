package com.sharedmobility.bench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/** Closed model: {@code bench.users} readers of alice's my page (bench/run.sh gave her 500 000 rentals). */
public class MyPageSimulation extends Simulation {

  {
    setUp(scenario("my page").exec(http("mypage").get("/mypages").basicAuth("alice", "alice")
            .check(status().is(200)))
        .injectClosed(constantConcurrentUsers(BenchSettings.USERS).during(Duration.ofSeconds(BenchSettings.SECONDS))))
        .protocols(BenchSettings.protocol())
        .assertions(BenchSettings.figuresOf("mypage"));
  }
}
