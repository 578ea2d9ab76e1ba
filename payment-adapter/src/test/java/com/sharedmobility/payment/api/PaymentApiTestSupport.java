package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.payment.provider.CardProvider;
import com.sharedmobility.testsupport.PostgresTestDatabase;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The payment service over real HTTP on a real PostgreSQL database. All subclasses share one application
 * and one database, so every test uses rental ids of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // A little provider latency widens the window in which concurrent requests overlap.
    properties = "payment.simulator.latency=20ms")
abstract class PaymentApiTestSupport {

  static final String VISA = "pm_card_visa";
  static final String DECLINING_CARD = "pm_card_chargeDeclined";

  private static final PostgresTestDatabase.Database DATABASE = PostgresTestDatabase.create("payment");

  @Autowired
  TestRestTemplate http;

  // Counts what reached the provider, i.e. what moved money.
  @MockitoSpyBean
  CardProvider cardProvider;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    DATABASE.springDatasource().forEach((name, value) -> registry.add(name, () -> value));
  }

  ResponseEntity<JsonNode> charge(UUID rentalId, String amount, String currency, String paymentMethod) {
    return charge(rentalId.toString(), """
        { "amount": %s, "currency": "%s", "paymentMethod": "%s", "customer": "alice" }
        """.formatted(amount, currency, paymentMethod));
  }

  ResponseEntity<JsonNode> charge(String rentalId, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange("/payments/{id}/charge", HttpMethod.POST, new HttpEntity<>(json, headers), JsonNode.class,
        rentalId);
  }

  ResponseEntity<JsonNode> refund(UUID rentalId) {
    return http.postForEntity("/payments/{id}/refund", null, JsonNode.class, rentalId);
  }

  ResponseEntity<JsonNode> get(String uri, Object... variables) {
    return http.getForEntity(uri, JsonNode.class, variables);
  }

  static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).isNotNull();
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .as("content type %s", response.getHeaders().getContentType())
        .isTrue();
    JsonNode body = response.getBody();
    assertThat(body).isNotNull();
    assertThat(body.path("status").asInt()).isEqualTo(status.value());
    assertThat(body.path("detail").asText()).isNotBlank();
    assertThat(body.has("trace")).isFalse();
  }

  void assertProviderCalls(UUID rentalId, int charges, int refunds) {
    verify(cardProvider, times(charges)).charge(eq(rentalId), any(), any(), any());
    verify(cardProvider, times(refunds)).refund(eq(rentalId), any(), any(), any());
  }

  static void assertEntries(JsonNode payment, String... types) {
    assertThat(payment.path("entries").findValuesAsText("type")).containsExactly(types);
  }
}
