package com.sharedmobility.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Open model: applications arrive at {@code bench.rate} per second whatever the answer times, for
 * {@code bench.seconds}; a share {@code bench.cancelShare} of them is cancelled a second after the answer.
 */
public class ApplyOpenSimulation extends Simulation {

  {
    Duration duration = Duration.ofSeconds(BenchSettings.SECONDS);
    double cancelRate = BenchSettings.RATE * BenchSettings.CANCEL_SHARE;
    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(scenario("apply").exec(BenchSettings.apply())
        .injectOpen(constantUsersPerSec(BenchSettings.RATE - cancelRate).during(duration)));
    if (cancelRate > 0) {
      populations.add(scenario("apply, then cancel")
          .exec(BenchSettings.apply()).pause(Duration.ofSeconds(1)).exec(BenchSettings.cancel())
          .injectOpen(constantUsersPerSec(cancelRate).during(duration)));
    }
    setUp(populations).protocols(BenchSettings.protocol())
        .assertions(cancelRate > 0 ? BenchSettings.figuresOf("apply", "cancel") : BenchSettings.figuresOf("apply"));
  }
}
