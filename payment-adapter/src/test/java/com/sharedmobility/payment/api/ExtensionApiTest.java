package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.payment.provider.ChargeOutcome;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Extra hours of a running rental: a charge of their own per extension, once, released when it never came to be. */
class ExtensionApiTest extends PaymentApiTestSupport {

  @Test
  void chargesTheExtraHoursOncePerExtensionWithTheRentalsPaymentMethod() {
    UUID rental = UUID.randomUUID();
    UUID extension = UUID.randomUUID();
    charge(rental, "10.00", "EUR", VISA);

    ResponseEntity<JsonNode> extended = extend(rental, extension, "5.00");

    assertThat(extended.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(extended.getBody().path("amount").decimalValue()).isEqualByComparingTo("15.00");
    assertThat(extended.getBody().path("status").asText()).isEqualTo("CHARGED");
    assertEntries(extended.getBody(), "CHARGE", "EXTENSION");
    assertThat(extended.getBody().path("entries").get(1).path("extensionId").asText()).isEqualTo(extension.toString());
    verify(cardProvider).charge(eq(extension), eq(VISA), argThat(money("5.00")), eq("EUR"));

    // a repeat is the same extension; other money under its id is a conflict
    assertThat(extend(rental, extension, "5.00").getBody()).isEqualTo(extended.getBody());
    assertProblem(extend(rental, extension, "7.50"), HttpStatus.CONFLICT);
    verify(cardProvider, times(1)).charge(eq(extension), any(), any(), any());
    // the rental's own charge, repeated after the extension, is still the same charge
    assertThat(charge(rental, "10.00", "EUR", VISA).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aCancelRefundsTheFirstChargeAndEveryExtension() {
    UUID rental = UUID.randomUUID();
    charge(rental, "10.00", "EUR", VISA);
    extend(rental, UUID.randomUUID(), "5.00");
    extend(rental, UUID.randomUUID(), "2.50");

    ResponseEntity<JsonNode> refunded = refund(rental);

    assertThat(refunded.getBody().path("status").asText()).isEqualTo("REFUNDED");
    assertThat(refunded.getBody().path("refundedAmount").decimalValue()).isEqualByComparingTo("17.50");
    assertEntries(refunded.getBody(), "CHARGE", "EXTENSION", "EXTENSION", "REFUND");
    assertProblem(extend(rental, UUID.randomUUID(), "5.00"), HttpStatus.CONFLICT);
  }

  @Test
  void aDeclinedExtensionIsA402AndChangesNothing() {
    UUID rental = UUID.randomUUID();
    UUID extension = UUID.randomUUID();
    charge(rental, "10.00", "EUR", VISA);
    doReturn(ChargeOutcome.DECLINED).when(cardProvider).charge(eq(extension), any(), any(), any());

    ResponseEntity<JsonNode> declined = extend(rental, extension, "5.00");

    assertProblem(declined, HttpStatus.PAYMENT_REQUIRED);
    JsonNode payment = get("/payments/{id}", rental).getBody();
    assertThat(payment.path("amount").decimalValue()).isEqualByComparingTo("10.00");
    assertThat(payment.path("status").asText()).isEqualTo("CHARGED");
    assertEntries(payment, "CHARGE");
  }

  @Test
  void onlyAChargedPaymentIsExtended() {
    UUID refunded = UUID.randomUUID();
    charge(refunded, "10.00", "EUR", VISA);
    refund(refunded);

    assertProblem(extend(refunded, UUID.randomUUID(), "5.00"), HttpStatus.CONFLICT);
    assertProblem(extend(UUID.randomUUID(), UUID.randomUUID(), "5.00"), HttpStatus.NOT_FOUND);
    UUID rental = UUID.randomUUID();
    charge(rental, "10.00", "EUR", VISA);
    assertProblem(extend(rental, UUID.randomUUID(), "0"), HttpStatus.BAD_REQUEST);
    assertProblem(http.postForEntity("/payments/{id}/extensions/not-an-id", json("{\"amount\":1,\"currency\":\"EUR\"}"),
        JsonNode.class, rental), HttpStatus.BAD_REQUEST);
    assertProblem(http.postForEntity("/payments/{id}/extensions/{ext}", json("{\"amount\":1,\"currency\":\"USD\"}"),
        JsonNode.class, rental, UUID.randomUUID()), HttpStatus.CONFLICT);
    verify(cardProvider, never()).charge(argThat(id -> !id.equals(refunded) && !id.equals(rental)), any(), any(),
        any());
  }

  @Test
  void anExtensionThatNeverCameToBeIsReleasedOnceAndNothingElseIs() {
    UUID rental = UUID.randomUUID();
    UUID extension = UUID.randomUUID();
    charge(rental, "10.00", "EUR", VISA);
    extend(rental, extension, "5.00");

    ResponseEntity<JsonNode> released = release(rental, extension);

    assertThat(released.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(released.getBody().path("amount").decimalValue()).isEqualByComparingTo("10.00");
    assertThat(released.getBody().path("status").asText()).isEqualTo("CHARGED");
    assertThat(released.getBody().path("refundedAmount").decimalValue()).isEqualByComparingTo("0");
    assertEntries(released.getBody(), "CHARGE", "EXTENSION", "REFUND");
    verify(cardProvider).refund(eq(extension), eq(VISA), argThat(money("5.00")), eq("EUR"));
    assertThat(release(rental, extension).getBody()).isEqualTo(released.getBody());
    assertThat(release(rental, UUID.randomUUID()).getBody()).isEqualTo(released.getBody());
    verify(cardProvider, times(1)).refund(any(), any(), any(), any());
    // and the rental's own refund is still the whole of what is kept
    assertThat(refund(rental).getBody().path("refundedAmount").decimalValue()).isEqualByComparingTo("10.00");
  }

  @Test
  void anUnconfirmedExtensionIsListedUntilItIsConfirmedOrReleased() {
    UUID rental = UUID.randomUUID();
    charge(rental, "10.00", "EUR", VISA);
    confirm("{\"rentalIds\": [\"" + rental + "\"]}");
    UUID confirmed = UUID.randomUUID();
    UUID released = UUID.randomUUID();
    UUID orphan = UUID.randomUUID();
    for (UUID each : List.of(confirmed, released, orphan)) {
      extend(rental, each, "5.00");
    }
    jdbc.update("UPDATE ledger_entry SET booked_at = ? WHERE rental_id = ? AND type = 'EXTENSION'",
        Timestamp.from(Instant.now().minus(Duration.ofMinutes(10))), rental);
    release(rental, released);

    ResponseEntity<JsonNode> answer = confirm("{\"extensionIds\": [\"" + confirmed + "\"]}");

    assertThat(answer.getBody().path("confirmed").asInt()).isEqualTo(1);
    List<JsonNode> listed = StreamSupport.stream(get("/payments/unconfirmed?chargedBefore={before}&limit=1000",
        Instant.now().minus(Duration.ofMinutes(5))).getBody().spliterator(), false).toList();
    assertThat(listed.stream().filter(c -> c.path("rentalId").asText().equals(rental.toString()))
        .map(c -> c.path("extensionId").asText()).toList()).containsExactly(orphan.toString());
    assertProblem(confirm("{}"), HttpStatus.BAD_REQUEST);
  }

  private ResponseEntity<JsonNode> extend(UUID rental, UUID extension, String amount) {
    return http.postForEntity("/payments/{id}/extensions/{ext}",
        json("{\"amount\": " + amount + ", \"currency\": \"EUR\"}"), JsonNode.class, rental, extension);
  }

  private ResponseEntity<JsonNode> release(UUID rental, UUID extension) {
    return http.postForEntity("/payments/{id}/extensions/{ext}/refund", null, JsonNode.class, rental, extension);
  }

  private ResponseEntity<JsonNode> confirm(String body) {
    return http.postForEntity("/payments/confirmations", json(body), JsonNode.class);
  }

  private static org.mockito.ArgumentMatcher<BigDecimal> money(String amount) {
    return value -> value.compareTo(new BigDecimal(amount)) == 0;
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
