package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class RefundApiTest extends PaymentApiTestSupport {

  @Test
  void refundsAChargeOnceAndARepeatChangesNothing() {
    UUID rental = UUID.randomUUID();
    charge(rental, "12.50", "EUR", VISA);

    ResponseEntity<JsonNode> refunded = refund(rental);

    assertThat(refunded.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(refunded.getBody().path("status").asText()).isEqualTo("REFUNDED");
    assertEntries(refunded.getBody(), "CHARGE", "REFUND");
    assertThat(refunded.getBody().path("entries").get(1).path("amount").decimalValue()).isEqualByComparingTo("12.50");

    ResponseEntity<JsonNode> repeat = refund(rental);

    assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(repeat.getBody()).isEqualTo(refunded.getBody());
    assertProviderCalls(rental, 1, 1);
  }

  @Test
  void chargeAfterRefundIsAConflict() {
    UUID rental = UUID.randomUUID();
    charge(rental, "12.50", "EUR", VISA);
    refund(rental);

    assertProblem(charge(rental, "12.50", "EUR", VISA), HttpStatus.CONFLICT);
    assertEntries(get("/payments/{id}", rental).getBody(), "CHARGE", "REFUND");
  }

  @Test
  void refundOfNothingVoidsTheRentalSoThatALateChargeIsRefused() {
    UUID rental = UUID.randomUUID();

    ResponseEntity<JsonNode> voided = refund(rental);

    assertThat(voided.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(voided.getBody().path("status").asText()).isEqualTo("VOIDED");
    assertThat(voided.getBody().path("amount").decimalValue()).isEqualByComparingTo("0");
    assertEntries(voided.getBody());
    assertThat(refund(rental).getBody()).isEqualTo(voided.getBody());

    ResponseEntity<JsonNode> lateCharge = charge(rental, "12.50", "EUR", VISA);

    assertProblem(lateCharge, HttpStatus.CONFLICT);
    assertThat(lateCharge.getBody().path("detail").asText()).contains("VOIDED");
    assertThat(get("/payments/{id}", rental).getBody()).isEqualTo(voided.getBody());
    assertProviderCalls(rental, 0, 0);
  }

  @Test
  void refundOfADeclinedPaymentChangesNothing() {
    UUID rental = UUID.randomUUID();
    charge(rental, "8.00", "EUR", DECLINING_CARD);

    ResponseEntity<JsonNode> response = refund(rental);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().path("status").asText()).isEqualTo("DECLINED");
    assertEntries(response.getBody());
  }
}
