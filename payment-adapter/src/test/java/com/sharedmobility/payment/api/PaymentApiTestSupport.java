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
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The payment service over real HTTP on a real PostgreSQL database, with API accounts from the settings a
 * deployment would set. All subclasses share one application and one database, so every test uses rental ids of
 * its own. The helpers call as the payment client (process-app's account) unless told otherwise.
 */
// metrics exported as in production: Spring Boot's tests switch the Prometheus registry off otherwise
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // A little provider latency widens the window in which concurrent requests overlap.
    "payment.simulator.latency=20ms",
    "PAYMENT_CLIENT_USERNAME=" + PaymentApiTestSupport.CLIENT_USER,
    "PAYMENT_CLIENT_PASSWORD=" + PaymentApiTestSupport.CLIENT_PASSWORD,
    "PAYMENT_OPERATOR_USERNAME=" + PaymentApiTestSupport.OPERATOR_USER,
    "PAYMENT_OPERATOR_PASSWORD=" + PaymentApiTestSupport.OPERATOR_PASSWORD})
abstract class PaymentApiTestSupport {

  static final String VISA = "pm_card_visa";
  static final String DECLINING_CARD = "pm_card_chargeDeclined";

  static final String CLIENT_USER = "rental-process";
  static final String CLIENT_PASSWORD = "client-secret-of-24-chars";
  static final String OPERATOR_USER = "payment-operator";
  static final String OPERATOR_PASSWORD = "operator-secret-of-24-chars";

  private static final PostgresTestDatabase.Database DATABASE = PostgresTestDatabase.create("payment");

  /** Without credentials. */
  @Autowired
  TestRestTemplate anonymous;

  /** As the payment client, the account process-app uses. */
  TestRestTemplate http;

  @BeforeEach
  void loginAsPaymentClient() {
    http = anonymous.withBasicAuth(CLIENT_USER, CLIENT_PASSWORD);
  }

  TestRestTemplate as(String username, String password) {
    return anonymous.withBasicAuth(username, password);
  }

  @Autowired
  JdbcTemplate jdbc;

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
    return charge(http, rentalId, json);
  }

  static ResponseEntity<JsonNode> charge(TestRestTemplate client, String rentalId, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return client.exchange("/payments/{id}/charge", HttpMethod.POST, new HttpEntity<>(json, headers), JsonNode.class,
        rentalId);
  }

  static String chargeBody(String amount) {
    return """
        { "amount": %s, "currency": "EUR", "paymentMethod": "pm_card_visa", "customer": "alice" }
        """.formatted(amount);
  }

  ResponseEntity<JsonNode> refund(UUID rentalId) {
    return refund(http, rentalId);
  }

  static ResponseEntity<JsonNode> refund(TestRestTemplate client, UUID rentalId) {
    return client.postForEntity("/payments/{id}/refund", null, JsonNode.class, rentalId);
  }

  /** Pays back part of the charge: {@code amount} as JSON text, so that a test can send what a client may send. */
  ResponseEntity<JsonNode> refund(UUID rentalId, String amount) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity("/payments/{id}/refund", new HttpEntity<>("{\"amount\": " + amount + "}", headers),
        JsonNode.class, rentalId);
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

  /** Asserts that the database holds nothing for the rental and that nothing reached the card provider. */
  void assertNothingRecorded(UUID rentalId) {
    assertThat(jdbc.queryForObject("select count(*) from payment where rental_id = ?", Integer.class, rentalId))
        .as("payments of rental %s", rentalId)
        .isZero();
    assertThat(jdbc.queryForObject("select count(*) from ledger_entry where rental_id = ?", Integer.class, rentalId))
        .as("ledger entries of rental %s", rentalId)
        .isZero();
    assertProviderCalls(rentalId, 0, 0);
  }

  static void assertEntries(JsonNode payment, String... types) {
    assertThat(payment.path("entries").findValuesAsText("type")).containsExactly(types);
  }
}
