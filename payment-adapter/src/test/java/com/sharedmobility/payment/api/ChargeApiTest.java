package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class ChargeApiTest extends PaymentApiTestSupport {

  @Test
  void chargesAndRecordsOneChargeEntry() {
    UUID rental = UUID.randomUUID();

    ResponseEntity<JsonNode> response = charge(rental, "12.50", "EUR", VISA);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode payment = response.getBody();
    assertThat(payment.path("rentalId").asText()).isEqualTo(rental.toString());
    assertThat(payment.path("customer").asText()).isEqualTo("alice");
    assertThat(payment.path("amount").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(payment.path("currency").asText()).isEqualTo("EUR");
    assertThat(payment.path("paymentMethod").asText()).isEqualTo(VISA);
    assertThat(payment.path("status").asText()).isEqualTo("CHARGED");
    assertThat(payment.path("createdAt").asText()).isNotBlank();
    assertThat(payment.path("updatedAt").asText()).isNotBlank();
    assertEntries(payment, "CHARGE");
    assertThat(payment.path("entries").get(0).path("amount").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(payment.path("entries").get(0).path("at").asText()).isNotBlank();
    assertThat(get("/payments/{id}", rental).getBody()).isEqualTo(payment);
  }

  @Test
  void repeatedChargeAnswersTheStoredPaymentWithoutChargingAgain() {
    UUID rental = UUID.randomUUID();
    JsonNode first = charge(rental, "12.50", "EUR", VISA).getBody();

    ResponseEntity<JsonNode> repeat = charge(rental, "12.5", "EUR", VISA);

    assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(repeat.getBody()).isEqualTo(first);
    assertEntries(get("/payments/{id}", rental).getBody(), "CHARGE");
    assertProviderCalls(rental, 1, 0);
  }

  @Test
  void declinedCardGives402AndIsRecordedAsDeclined() {
    UUID rental = UUID.randomUUID();

    ResponseEntity<JsonNode> response = charge(rental, "8.00", "EUR", DECLINING_CARD);

    assertProblem(response, HttpStatus.PAYMENT_REQUIRED);
    assertThat(response.getBody().path("title").asText()).isEqualTo("Payment declined");
    assertThat(response.getBody().path("paymentStatus").asText()).isEqualTo("DECLINED");
    JsonNode payment = get("/payments/{id}", rental).getBody();
    assertThat(payment.path("status").asText()).isEqualTo("DECLINED");
    assertEntries(payment);
  }

  @Test
  void repeatedDeclinedChargeIsStill402() {
    UUID rental = UUID.randomUUID();
    charge(rental, "8.00", "EUR", DECLINING_CARD);

    assertProblem(charge(rental, "8.00", "EUR", DECLINING_CARD), HttpStatus.PAYMENT_REQUIRED);
    // The stored outcome stands even when the repeat names a card that would be charged.
    assertProblem(charge(rental, "8.00", "EUR", VISA), HttpStatus.PAYMENT_REQUIRED);
    assertEntries(get("/payments/{id}", rental).getBody());
    assertProviderCalls(rental, 1, 0);
  }

  @Test
  void repeatWithAnotherAmountOrCurrencyIsAConflict() {
    UUID rental = UUID.randomUUID();
    charge(rental, "12.50", "EUR", VISA);

    assertProblem(charge(rental, "13.00", "EUR", VISA), HttpStatus.CONFLICT);
    assertProblem(charge(rental, "12.50", "CHF", VISA), HttpStatus.CONFLICT);
    JsonNode payment = get("/payments/{id}", rental).getBody();
    assertThat(payment.path("amount").decimalValue()).isEqualByComparingTo("12.50");
    assertEntries(payment, "CHARGE");
  }
}
