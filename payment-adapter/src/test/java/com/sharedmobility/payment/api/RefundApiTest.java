package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
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

  @Nested
  class PartOfTheCharge {

    @Test
    void paysBackTheAmountAskedForOnceAndKeepsTheRest() {
      UUID rental = UUID.randomUUID();
      charge(rental, "12.50", "EUR", VISA);

      ResponseEntity<JsonNode> refunded = refund(rental, "7.50");

      assertThat(refunded.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(refunded.getBody().path("status").asText()).isEqualTo("PARTLY_REFUNDED");
      assertThat(refunded.getBody().path("refundedAmount").decimalValue()).isEqualByComparingTo("7.50");
      assertEntries(refunded.getBody(), "CHARGE", "REFUND");
      assertThat(refunded.getBody().path("entries").get(1).path("amount").decimalValue()).isEqualByComparingTo("7.50");
      verify(cardProvider).refund(eq(rental), eq(VISA), argThat(amount -> amount.compareTo(new BigDecimal("7.50")) == 0),
          eq("EUR"));

      // a repeat of the same refund, and a full refund asked later (an operator's settlement), change nothing
      assertThat(refund(rental, "7.50").getBody()).isEqualTo(refunded.getBody());
      assertThat(refund(rental).getBody()).isEqualTo(refunded.getBody());
      assertProviderCalls(rental, 1, 1);
    }

    @Test
    void aRepeatAskingForOtherMoneyIsAConflict() {
      UUID rental = UUID.randomUUID();
      charge(rental, "12.50", "EUR", VISA);
      refund(rental, "5.00");

      ResponseEntity<JsonNode> other = refund(rental, "7.50");

      assertProblem(other, HttpStatus.CONFLICT);
      assertThat(other.getBody().path("detail").asText()).contains("5.00");
      assertThat(get("/payments/{id}", rental).getBody().path("refundedAmount").decimalValue())
          .isEqualByComparingTo("5.00");
      assertProviderCalls(rental, 1, 1);
    }

    @Test
    void theWholeAmountAskedForIsAFullRefund() {
      UUID rental = UUID.randomUUID();
      charge(rental, "12.50", "EUR", VISA);

      ResponseEntity<JsonNode> refunded = refund(rental, "12.50");

      assertThat(refunded.getBody().path("status").asText()).isEqualTo("REFUNDED");
      assertThat(refunded.getBody().path("refundedAmount").decimalValue()).isEqualByComparingTo("12.50");
    }

    @Test
    void moreThanWasChargedIsRefusedAndNothingMoves() {
      UUID rental = UUID.randomUUID();
      charge(rental, "12.50", "EUR", VISA);

      ResponseEntity<JsonNode> tooMuch = refund(rental, "12.51");

      assertProblem(tooMuch, HttpStatus.CONFLICT);
      assertThat(tooMuch.getBody().path("detail").asText()).contains("12.50", "12.51");
      assertThat(get("/payments/{id}", rental).getBody().path("status").asText()).isEqualTo("CHARGED");
      assertProviderCalls(rental, 1, 0);
    }

    @Test
    void anAmountThatIsNoMoneyIsABadRequest() {
      UUID rental = UUID.randomUUID();
      charge(rental, "12.50", "EUR", VISA);

      for (String amount : new String[] {"0", "-1.00", "1.005", "\"ten\""}) {
        ResponseEntity<JsonNode> refused = refund(rental, amount);
        assertProblem(refused, HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().path("detail").asText()).as("for %s", amount).contains("amount");
      }
      assertProviderCalls(rental, 1, 0);
    }

    @Test
    void aChargeAfterAPartRefundIsAConflict() {
      UUID rental = UUID.randomUUID();
      charge(rental, "12.50", "EUR", VISA);
      refund(rental, "2.50");

      assertProblem(charge(rental, "12.50", "EUR", VISA), HttpStatus.CONFLICT);
      assertProviderCalls(rental, 1, 1);
    }
  }
}
