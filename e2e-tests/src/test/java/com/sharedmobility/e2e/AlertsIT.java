package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The alerts of k8s/monitoring/prometheus-rule.yaml in a real Prometheus (Debian's package) that scrapes the three
 * services as operators do (their operator account): {@code PaymentBreakerOpen} fires when payment-adapter is killed
 * under applications, {@code KeyIssueLagging} when key-adapter is stopped behind a paid rental. The test's copy of
 * the rules differs only in shorter {@code for:}; thresholds are the real ones. Runs after PaymentOutageIT on the
 * default stack, and leaves both services running again.
 */
@Order(1100)
class AlertsIT extends E2eTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path RULE = Path.of(System.getProperty("e2e.prometheusRule",
      "../k8s/monitoring/prometheus-rule.yaml"));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Process prometheus;
  private static String prometheusUrl;

  @BeforeAll
  static void startPrometheus() throws Exception {
    Path dir = Files.createDirectories(Path.of("target/prometheus"));
    JsonNode rules = YAML.readTree(RULE.toFile()).path("spec");
    rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> {
      if (rule.has("for")) {
        ((ObjectNode) rule).put("for", "5s");
      }
    }));
    YAML.writeValue(dir.resolve("rules.yml").toFile(), rules);
    StringBuilder config = new StringBuilder("""
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - rules.yml
        scrape_configs:
        """);
    for (ServiceProcess service : List.of(stack.processApp(), stack.paymentAdapter(), stack.keyAdapter())) {
      config.append("""
            - job_name: %s
              metrics_path: /actuator/prometheus
              basic_auth:
                username: ops
                password: ops
              static_configs:
                - targets: ['127.0.0.1:%d']
          """.formatted(service.name(), service.port()));
    }
    Files.writeString(dir.resolve("prometheus.yml"), config);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    prometheusUrl = "http://127.0.0.1:" + port;
    prometheus = new ProcessBuilder(System.getProperty("e2e.prometheus", "/usr/bin/prometheus"),
        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    await("Prometheus scraping the three services").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> values(query("up == 1")).size() == 3);
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.destroy();
    }
  }

  @Test
  void theBreakerAlertFiresWhenPaymentIsKilledAndTheKeyAlertWhenKeysWait() throws Exception {
    RentalApiClient alice = stack.alice();
    List<Mobility> vehicles = stack.addVehicles("alert-", 12);
    List<String> pending = new ArrayList<>();
    try {
      // half of at least 10 charges fail: the breaker opens
      stack.kill(RentalStack.PAYMENT_ADAPTER);
      for (Mobility vehicle : vehicles) {
        Response applied = alice.apply(vehicle.id(), 24);
        assertThat(applied.status()).as("apply while payment is down: %s", applied).isIn(202, 503);
        if (applied.status() == 202) {
          pending.add(rentalId(applied));
        }
      }
      assertThat(pending).as("applications accepted while payment is down").isNotEmpty();
      Instant breakerFiring = awaitFiring("PaymentBreakerOpen", Duration.ofSeconds(60));
      LOG.info("PaymentBreakerOpen firing at {}", breakerFiring);

      // payment back, key-adapter away: the retries pay the waiting rentals, whose keys then wait; after 120 s the
      // alert's threshold is passed
      stack.stop(RentalStack.KEY_ADAPTER);
      stack.restart(RentalStack.PAYMENT_ADAPTER);
      String waiting = await("a rental paid that waits for its key").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> pending.stream().filter(id -> "KEY_PENDING".equals(alice.rental(id).text("status")))
              .findFirst().orElse(null), Objects::nonNull);
      Instant paid = Instant.now();
      Instant keyFiring = awaitFiring("KeyIssueLagging", Duration.ofSeconds(240));
      LOG.info("KeyIssueLagging firing {} s after rental {} was seen waiting for its key",
          Duration.between(paid, keyFiring).toSeconds(), waiting);
      assertThat(Duration.between(paid, keyFiring)).isGreaterThan(Duration.ofSeconds(100));
    } finally {
      if (!stack.paymentAdapter().isAlive()) {
        stack.restart(RentalStack.PAYMENT_ADAPTER);
      }
      if (!stack.keyAdapter().isAlive()) {
        stack.restart(RentalStack.KEY_ADAPTER);
      }
    }
  }

  /** Waits until Prometheus reports the alert firing; returns when it was seen so. */
  private static Instant awaitFiring(String alert, Duration atMost) {
    await(alert + " firing").atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> StreamSupport.stream(get("/api/v1/alerts").path("data").path("alerts").spliterator(), false)
            .anyMatch(a -> alert.equals(a.path("labels").path("alertname").asText())
                && "firing".equals(a.path("state").asText())));
    return Instant.now();
  }

  private static JsonNode query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  private static List<JsonNode> values(JsonNode answer) {
    return StreamSupport.stream(answer.path("data").path("result").spliterator(), false).toList();
  }

  private static JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }
}
