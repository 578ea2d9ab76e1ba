package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A rental runs out: with the stack's short {@code RENTAL_HOUR} a 1-hour rental is COMPLETED within
 * seconds, its key stops working and the payment is kept.
 */
@Order(3)
class RentalExpiryIT extends E2eTest {

  @Test
  void aRentalRunsOutKeepsThePaymentAndCanNoLongerBeCancelled() {
    Mobility vehicle = stack.claimVehicle();
    RentalApiClient alice = stack.alice();

    Response applied = alice.apply(vehicle.id(), 1);
    assertThat(applied.status()).as("apply: %s", applied).isEqualTo(201);
    String id = rentalId(applied);
    assertAmount(applied.json(), vehicle, 1);

    // ACTIVE lasts one rental hour (seconds here): catch it and its key
    JsonNode active = awaitActive(alice, id);
    Instant activeSeen = Instant.now();
    String key = active.path("key").asText();
    assertThat(key).as("key of %s", active).matches("\\d{4}");

    // it runs out by itself
    JsonNode completed = awaitStatus(alice, id, "COMPLETED");
    LOG.info("rental {} COMPLETED {} s after it was seen ACTIVE (rental hour {})", id,
        Duration.between(activeSeen, Instant.now()).toMillis() / 1000.0, RentalStack.RENTAL_HOUR);
    assertThat(completed.path("paymentStatus").asText()).as("paymentStatus of %s", completed).isEqualTo("PAID");
    assertNoKey(completed);

    // its key stops working
    RentalApiClient vehicleUnit = stack.vehicleUnit();
    awaitAnswer("the key of a completed rental is refused", Duration.ofSeconds(30),
        () -> vehicleUnit.verifyKey(vehicle.id(), key),
        r -> r.status() == 200 && !r.json().path("valid").asBoolean(true));
    // revoked by the process at the time-up, not merely expired: an expired key stays EXPIRED unless the time-up's
    // revoke-key task runs (a revoked key shows REVOKED, expired or not)
    Response keyRecord = awaitAnswer("the key is revoked after the time-up", Duration.ofSeconds(30),
        () -> stack.keysAsOps().key(id), r -> r.status() == 200 && "REVOKED".equals(r.text("status")));
    assertThat(Instant.parse(keyRecord.text("revokedAt"))).as("key record: %s", keyRecord)
        .isAfterOrEqualTo(Instant.parse(keyRecord.text("issuedAt")));

    // the payment is kept: charged once, never refunded
    assertStaysSo("charged once, no refund", Duration.ofSeconds(3), () -> stack.payments().payment(id),
        r -> r.status() == 200 && "CHARGED".equals(r.text("status"))
            && entries(r.json(), "CHARGE").size() == 1 && entries(r.json(), "REFUND").isEmpty());
    Response payment = stack.payments().payment(id);
    assertThat(entries(payment.json(), "CHARGE").get(0).path("amount").decimalValue())
        .as("the charge of %s", payment).isEqualByComparingTo(completed.path("amount").decimalValue());

    // a completed rental cannot be cancelled
    Response cancel = alice.cancel(id);
    assertThat(cancel.status()).as("cancel a completed rental: %s", cancel).isEqualTo(409);
    assertThat(cancel.isProblem()).as("problem+json: %s", cancel).isTrue();
    Response after = alice.rental(id);
    assertThat(after.text("status")).as("after the refused cancel: %s", after).isEqualTo("COMPLETED");
    assertThat(after.text("paymentStatus")).as("after the refused cancel: %s", after).isEqualTo("PAID");
  }
}
