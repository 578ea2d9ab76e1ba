package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A charge that cannot be right gets 400 and leaves no payment behind. */
class ChargeValidationApiTest extends PaymentApiTestSupport {

  @Test
  void unknownPaymentMethod() {
    UUID rental = UUID.randomUUID();

    ResponseEntity<JsonNode> response = charge(rental, "12.50", "EUR", "pm_card_unknown");

    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText()).contains("pm_card_unknown");
    assertProblem(get("/payments/{id}", rental), HttpStatus.NOT_FOUND);
  }

  @Test
  void malformedJson() {
    UUID rental = UUID.randomUUID();

    assertProblem(charge(rental.toString(), "{ \"amount\": 12.50, "), HttpStatus.BAD_REQUEST);
    assertProblem(get("/payments/{id}", rental), HttpStatus.NOT_FOUND);
  }

  @Test
  void unreadableFieldIsNamed() {
    ResponseEntity<JsonNode> response = charge(UUID.randomUUID().toString(),
        "{ \"amount\": \"twelve\", \"currency\": \"EUR\", \"paymentMethod\": \"pm_card_visa\", \"customer\": \"alice\" }");

    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText()).contains("amount");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1.00", "12.345", "null", "12345678901.00"})
  void invalidAmount(String amount) {
    UUID rental = UUID.randomUUID();

    ResponseEntity<JsonNode> response = charge(rental, amount, "EUR", VISA);

    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText()).startsWith("amount");
    assertProblem(get("/payments/{id}", rental), HttpStatus.NOT_FOUND);
  }

  @ParameterizedTest
  @ValueSource(strings = {"eur", "EURO", "E1R", ""})
  void invalidCurrency(String currency) {
    ResponseEntity<JsonNode> response = charge(UUID.randomUUID(), "12.50", currency, VISA);

    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText()).startsWith("currency");
  }

  @Test
  void blankCustomerAndMissingPaymentMethod() {
    ResponseEntity<JsonNode> response = charge(UUID.randomUUID().toString(),
        "{ \"amount\": 12.50, \"currency\": \"EUR\", \"customer\": \" \" }");

    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText()).contains("customer").contains("paymentMethod");
  }

  @Test
  void rentalIdMustBeAUuid() {
    ResponseEntity<JsonNode> response = charge("not-a-uuid",
        "{ \"amount\": 12.50, \"currency\": \"EUR\", \"paymentMethod\": \"pm_card_visa\", \"customer\": \"alice\" }");

    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText()).contains("rentalId");
    assertProblem(get("/payments/not-a-uuid"), HttpStatus.BAD_REQUEST);
  }
}
