package com.sharedmobility.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The local profile needs nothing but a JDK: it runs on in-memory H2 with the same migrations, and has the seeded
 * accounts process-app/process-app (payment client) and ops/ops (operator).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class LocalProfileStartupTest {

  private static final Map<String, Object> CHARGE = Map.of("amount", 12.5, "currency", "EUR",
      "paymentMethod", "pm_card_visa", "customer", "alice");

  @Autowired
  TestRestTemplate http;

  @Test
  void isReadyOnH2() {
    ResponseEntity<JsonNode> readiness = http.getForEntity("/actuator/health/readiness", JsonNode.class);

    assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(readiness.getBody().path("status").asText()).isEqualTo("UP");
    assertThat(http.getForEntity("/actuator/health/liveness", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void theSeededPaymentClientChargesAndRefundsOnH2() {
    TestRestTemplate processApp = http.withBasicAuth("process-app", "process-app");
    UUID rental = UUID.randomUUID();

    ResponseEntity<JsonNode> charged = processApp.postForEntity("/payments/{id}/charge", CHARGE, JsonNode.class,
        rental);
    ResponseEntity<JsonNode> refunded = processApp.postForEntity("/payments/{id}/refund", null, JsonNode.class,
        rental);

    assertThat(charged.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(charged.getBody().path("status").asText()).isEqualTo("CHARGED");
    assertThat(refunded.getBody().path("status").asText()).isEqualTo("REFUNDED");
    assertThat(refunded.getBody().path("entries").findValuesAsText("type")).containsExactly("CHARGE", "REFUND");
  }

  @Test
  void theSeededOperatorReadsButCannotMoveMoney() {
    UUID rental = UUID.randomUUID();
    http.withBasicAuth("process-app", "process-app")
        .postForEntity("/payments/{id}/charge", CHARGE, JsonNode.class, rental);
    TestRestTemplate ops = http.withBasicAuth("ops", "ops");

    assertThat(ops.getForEntity("/payments/{id}", JsonNode.class, rental).getBody().path("status").asText())
        .isEqualTo("CHARGED");
    assertThat(ops.postForEntity("/payments/{id}/refund", null, JsonNode.class, rental).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ops.postForEntity("/payments/{id}/charge", CHARGE, JsonNode.class, UUID.randomUUID())
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/payments/{id}", JsonNode.class, rental).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
