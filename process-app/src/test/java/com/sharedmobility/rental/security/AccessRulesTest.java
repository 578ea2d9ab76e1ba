package com.sharedmobility.rental.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.rental.RentalTestBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may call what: engine REST, the actuator, and the customer API for accounts that are no customers (RentalApiTest
 * has customers and wrong passwords). "-" is an anonymous call.
 */
class AccessRulesTest extends RentalTestBase {

  @LocalServerPort
  int port;

  @ParameterizedTest(name = "{0} {1} {2}: {3}")
  @CsvSource({
      // engine REST: Camunda users only, and only what they are granted
      "-, GET, /engine-rest/process-definition, 401",
      "alice, GET, /engine-rest/process-definition, 401",
      "mallory, GET, /engine-rest/process-definition, 401",
      // the key worker: external-task operations only (KeyWorkerAccessTest)
      "keyworker, GET, /engine-rest/process-definition?key=rental, 403",
      "keyworker, GET, /engine-rest/user, 403",
      "ops, GET, /engine-rest/process-definition?key=rental, 200",
      "admin, GET, /engine-rest/user, 200",
      // customer API: customers only; staff and Camunda users are no customers
      "ops, GET, /mypages, 403",
      "admin, POST, /rentals, 403",
      "keyworker, GET, /mypages, 401",
      "-, POST, /rentals/00000000-0000-0000-0000-000000000000/cancel, 401",
      // actuator: probes public, the rest for staff
      "-, GET, /actuator/health/liveness, 200",
      "-, GET, /actuator/health/readiness, 200",
      "-, GET, /actuator/info, 200",
      "-, GET, /actuator/metrics, 401",
      "alice, GET, /actuator/metrics, 403",
      "ops, GET, /actuator/metrics, 200",
      "admin, GET, /actuator/metrics/resilience4j.circuitbreaker.state, 200",
      "-, GET, /actuator/env, 401",
      "admin, GET, /actuator/env, 404"})
  void access(String user, String method, String path, int status) throws IOException, InterruptedException {
    assertThat(call(user, method, path).statusCode()).isEqualTo(status);
  }

  @ParameterizedTest(name = "health details for {0}: {1}")
  @CsvSource({"-, false", "ops, false", "admin, true"})
  void healthDetailsOnlyForAdmins(String user, boolean details) throws IOException, InterruptedException {
    HttpResponse<String> health = call(user, "GET", "/actuator/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body().contains("circuitBreakers")).isEqualTo(details);
  }

  private HttpResponse<String> call(String user, String method, String path) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    // a wrong password would lock the user for a few seconds (Camunda's login throttling), so none is tried here
    if (!user.equals("-")) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
