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

/** The local profile needs nothing but a JDK: it runs on in-memory H2 with the same migrations. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class LocalProfileStartupTest {

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
  void chargesAndRefundsOnH2() {
    UUID rental = UUID.randomUUID();
    Map<String, Object> body = Map.of("amount", 12.5, "currency", "EUR", "paymentMethod", "pm_card_visa",
        "customer", "alice");

    ResponseEntity<JsonNode> charged = http.postForEntity("/payments/{id}/charge", body, JsonNode.class, rental);
    ResponseEntity<JsonNode> refunded = http.postForEntity("/payments/{id}/refund", null, JsonNode.class, rental);

    assertThat(charged.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(charged.getBody().path("status").asText()).isEqualTo("CHARGED");
    assertThat(refunded.getBody().path("status").asText()).isEqualTo("REFUNDED");
    assertThat(refunded.getBody().path("entries").findValuesAsText("type")).containsExactly("CHARGE", "REFUND");
  }
}
