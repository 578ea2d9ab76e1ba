package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What a charge body may hold: known fields only, and at most 16 KB. */
class RequestBodyApiTest extends PaymentApiTestSupport {

  private static final int LIMIT = 16 * 1024;

  @LocalServerPort
  int port;
  @Autowired
  ObjectMapper json;

  @Test
  void anUnknownFieldIs400NamingItAndRecordsNothing() {
    UUID rental = UUID.randomUUID();

    ResponseEntity<JsonNode> response = charge(rental.toString(), """
        { "amount": 12.50, "currency": "EUR", "paymentMethod": "pm_card_visa", "customer": "alice", "tip": 5 }
        """);

    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText())
        .contains("'tip' is not a field")
        .contains("amount, currency, customer, paymentMethod");
    assertNothingRecorded(rental);
  }

  @Test
  void anUnknownNestedFieldIs400() {
    UUID rental = UUID.randomUUID();

    ResponseEntity<JsonNode> response = charge(rental.toString(), """
        { "amount": 12.50, "currency": "EUR", "paymentMethod": "pm_card_visa", "customer": "alice",
          "metadata": { "x": 1 } }
        """);

    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText()).contains("'metadata'");
    assertNothingRecorded(rental);
  }

  @Test
  void aBodyOverTheLimitIs413AndRecordsNothing() {
    UUID rental = UUID.randomUUID();

    ResponseEntity<JsonNode> response = charge(rental.toString(), paddedTo(LIMIT + 1));

    assertProblem(response, HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(response.getBody().path("detail").asText()).contains(Integer.toString(LIMIT));
    assertNothingRecorded(rental);
  }

  @Test
  void aBodyAtTheLimitIsCharged() {
    UUID rental = UUID.randomUUID();

    ResponseEntity<JsonNode> response = charge(rental.toString(), paddedTo(LIMIT));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().path("status").asText()).isEqualTo("CHARGED");
  }

  @Test
  void anOversizedBodyIsRefusedBeforeAuthentication() {
    UUID rental = UUID.randomUUID();

    assertProblem(charge(anonymous, rental.toString(), paddedTo(LIMIT + 1)), HttpStatus.PAYLOAD_TOO_LARGE);
    assertNothingRecorded(rental);
  }

  @Test
  void aChunkedBodyOverTheLimitIs413AndRecordsNothing() throws Exception {
    UUID rental = UUID.randomUUID();

    HttpResponse<String> response = chargeChunked(rental, paddedTo(4 * LIMIT));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(json.readTree(response.body()).path("status").asInt()).isEqualTo(413);
    assertNothingRecorded(rental);
  }

  @Test
  void aSmallChunkedBodyIsCharged() throws Exception {
    UUID rental = UUID.randomUUID();

    HttpResponse<String> response = chargeChunked(rental, chargeBody("12.50"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).path("status").asText()).isEqualTo("CHARGED");
  }

  /** A valid charge, padded with white space to exactly {@code size} bytes. */
  private static String paddedTo(int size) {
    String body = chargeBody("12.50").strip();
    String padded = body.substring(0, body.length() - 1) + " ".repeat(size - body.length()) + "}";
    assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(size);
    return padded;
  }

  /** A body of unknown length, sent in chunks without Content-Length. */
  private HttpResponse<String> chargeChunked(UUID rental, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/payments/" + rental
            + "/charge"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (CLIENT_USER + ":" + CLIENT_PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
        .build();
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(request, HttpResponse.BodyHandlers.ofString());
  }
}
