package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class PaymentQueryApiTest extends PaymentApiTestSupport {

  @Test
  void unknownPaymentIs404() {
    ResponseEntity<JsonNode> response = get("/payments/{id}", UUID.randomUUID());

    assertProblem(response, HttpStatus.NOT_FOUND);
    assertThat(response.getBody().path("title").asText()).isEqualTo("Payment not found");
  }

  @Test
  void listFiltersByStatusNewestFirst() {
    UUID older = UUID.randomUUID();
    UUID newer = UUID.randomUUID();
    UUID declined = UUID.randomUUID();
    charge(older, "10.00", "EUR", VISA);
    charge(newer, "11.00", "EUR", VISA);
    charge(declined, "12.00", "EUR", DECLINING_CARD);

    ResponseEntity<JsonNode> response = get("/payments?status=CHARGED&limit=1000");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<JsonNode> payments = StreamSupport.stream(response.getBody().spliterator(), false).toList();
    assertThat(payments).allSatisfy(p -> assertThat(p.path("status").asText()).isEqualTo("CHARGED"));
    List<String> ids = payments.stream().map(p -> p.path("rentalId").asText()).toList();
    assertThat(ids).containsSubsequence(newer.toString(), older.toString()).doesNotContain(declined.toString());
    assertThat(payments).isSortedAccordingTo(
        (a, b) -> b.path("createdAt").asText().compareTo(a.path("createdAt").asText()));
  }

  @Test
  void listWithoutFilterIsBoundedByLimit() {
    charge(UUID.randomUUID(), "10.00", "EUR", VISA);
    charge(UUID.randomUUID(), "10.00", "EUR", DECLINING_CARD);

    ResponseEntity<JsonNode> response = get("/payments?limit=1");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().size()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/payments?limit=0", "/payments?limit=1001", "/payments?status=PAID"})
  void invalidListQueryIs400(String uri) {
    assertProblem(get(uri), HttpStatus.BAD_REQUEST);
  }
}
