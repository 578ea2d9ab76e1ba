package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Who may call what: only the payment client moves money, the operator only reads, health and info are open,
 * everything else is denied; a refused call changes nothing.
 */
class PaymentSecurityApiTest extends PaymentApiTestSupport {

  private TestRestTemplate operator() {
    return as(OPERATOR_USER, OPERATOR_PASSWORD);
  }

  @Test
  void anonymousChargeAndRefundAre401AndRecordNothing() {
    UUID rental = UUID.randomUUID();

    assertUnauthorized(charge(anonymous, rental.toString(), chargeBody("12.50")));
    assertUnauthorized(refund(anonymous, rental));

    assertNothingRecorded(rental);
    assertProblem(get("/payments/{id}", rental), HttpStatus.NOT_FOUND);
  }

  @Test
  void anonymousReadsAre401() {
    UUID rental = UUID.randomUUID();
    charge(rental, "12.50", "EUR", VISA);

    assertUnauthorized(anonymous.getForEntity("/payments/{id}", JsonNode.class, rental));
    assertUnauthorized(anonymous.getForEntity("/payments?status=CHARGED", JsonNode.class));
  }

  @Test
  void aWrongPasswordOrUnknownUserIs401AndRecordsNothing() {
    UUID rental = UUID.randomUUID();

    assertUnauthorized(charge(as(CLIENT_USER, "guess"), rental.toString(), chargeBody("12.50")));
    assertUnauthorized(refund(as(CLIENT_USER, CLIENT_PASSWORD + "x"), rental));
    assertUnauthorized(charge(as("mallory", CLIENT_PASSWORD), rental.toString(), chargeBody("12.50")));
    assertUnauthorized(as(OPERATOR_USER, "guess").getForEntity("/payments/{id}", JsonNode.class, rental));

    assertNothingRecorded(rental);
  }

  @Test
  void theOperatorCannotChargeAndRecordsNothing() {
    UUID rental = UUID.randomUUID();

    ResponseEntity<JsonNode> response = charge(operator(), rental.toString(), chargeBody("12.50"));

    assertProblem(response, HttpStatus.FORBIDDEN);
    assertThat(response.getBody().path("detail").asText()).contains("POST /payments/" + rental + "/charge");
    assertNothingRecorded(rental);
  }

  @Test
  void theOperatorCannotRefundAndTheChargeStands() {
    UUID rental = UUID.randomUUID();
    charge(rental, "12.50", "EUR", VISA);

    assertProblem(refund(operator(), rental), HttpStatus.FORBIDDEN);
    // not even a void of a rental that was never charged
    UUID uncharged = UUID.randomUUID();
    assertProblem(refund(operator(), uncharged), HttpStatus.FORBIDDEN);

    JsonNode payment = get("/payments/{id}", rental).getBody();
    assertThat(payment.path("status").asText()).isEqualTo("CHARGED");
    assertEntries(payment, "CHARGE");
    assertProviderCalls(rental, 1, 0);
    assertNothingRecorded(uncharged);
  }

  @Test
  void theOperatorReadsPayments() {
    UUID rental = UUID.randomUUID();
    JsonNode charged = charge(rental, "12.50", "EUR", VISA).getBody();

    ResponseEntity<JsonNode> one = operator().getForEntity("/payments/{id}", JsonNode.class, rental);
    ResponseEntity<JsonNode> list = operator().getForEntity("/payments?status=CHARGED&limit=1000", JsonNode.class);

    assertThat(one.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(one.getBody()).isEqualTo(charged);
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getBody().findValuesAsText("rentalId")).contains(rental.toString());
    assertProblem(operator().getForEntity("/payments/{id}", JsonNode.class, UUID.randomUUID()), HttpStatus.NOT_FOUND);
  }

  @Test
  void unknownPathsAndMethodsAreDenied() {
    assertUnauthorized(anonymous.getForEntity("/anything", JsonNode.class));
    assertUnauthorized(anonymous.getForEntity("/actuator/env", JsonNode.class));
    assertUnauthorized(anonymous.getForEntity("/actuator/metrics", JsonNode.class));

    assertUnauthorized(anonymous.getForEntity("/actuator/prometheus", JsonNode.class));
    assertProblem(http.getForEntity("/actuator/metrics", JsonNode.class), HttpStatus.FORBIDDEN);
    assertProblem(http.getForEntity("/actuator/prometheus", JsonNode.class), HttpStatus.FORBIDDEN);

    for (TestRestTemplate account : new TestRestTemplate[] {http, operator()}) {
      assertProblem(account.getForEntity("/anything", JsonNode.class), HttpStatus.FORBIDDEN);
      assertProblem(account.getForEntity("/actuator/env", JsonNode.class), HttpStatus.FORBIDDEN);
      assertProblem(account.exchange("/payments/{id}", HttpMethod.DELETE, HttpEntity.EMPTY, JsonNode.class,
          UUID.randomUUID()), HttpStatus.FORBIDDEN);
      assertProblem(account.exchange("/payments/{id}", HttpMethod.PUT, HttpEntity.EMPTY, JsonNode.class,
          UUID.randomUUID()), HttpStatus.FORBIDDEN);
    }
  }

  @Test
  void operatorsReadTheMetricsAlsoAsPrometheus() {
    assertThat(operator().getForEntity("/actuator/metrics", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> scrape = operator().getForEntity("/actuator/prometheus", String.class);

    assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(scrape.getBody()).contains("http_server_requests_seconds", "jvm_memory_used_bytes", "hikaricp_connections");
  }

  @Test
  void probesAndInfoAreOpen() {
    for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness",
        "/actuator/health/readiness"}) {
      ResponseEntity<JsonNode> response = anonymous.getForEntity(probe, JsonNode.class);
      assertThat(response.getStatusCode()).as(probe).isEqualTo(HttpStatus.OK);
      assertThat(response.getBody().path("status").asText()).as(probe).isEqualTo("UP");
    }
    assertThat(anonymous.getForEntity("/actuator/info", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void noSessionIsHandedOut() {
    ResponseEntity<JsonNode> response = get("/payments?limit=1");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().get("Set-Cookie")).isNull();
  }

  private static void assertUnauthorized(ResponseEntity<JsonNode> response) {
    assertProblem(response, HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertThat(response.getBody().path("detail").asText()).contains("credentials");
  }
}
