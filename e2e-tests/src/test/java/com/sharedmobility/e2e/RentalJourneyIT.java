package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The customer's journey through all three services: apply, pay, get a key, unlock, cancel, get the money
 * back, the key stops working.
 */
@Order(1)
class RentalJourneyIT extends E2eTest {

  /**
   * With a rental hour of a few seconds (the stack's {@code RENTAL_HOUR}) a 2-hour rental would run out
   * while the journey still needs it ACTIVE; 24 hours keeps it ACTIVE for more than a minute.
   */
  private static final int HOURS = 24;

  @Test
  void aliceRentsAVehicleAndCancelsBeforeSheUnlocksIt() {
    Mobility vehicle = stack.claimVehicle();
    Mobility otherVehicle = stack.anotherVehicleThan(vehicle);
    RentalApiClient alice = stack.alice();

    // apply: paid at once, 201 + Location
    Response applied = alice.apply(vehicle.id(), HOURS);
    assertThat(applied.status()).as("apply: %s", applied).isEqualTo(201);
    String id = rentalId(applied);
    assertThat(applied.location()).as("Location of %s", applied).isPresent();
    assertThat(applied.location().orElseThrow()).as("Location of %s", applied).endsWith("/rentals/" + id);
    JsonNode created = applied.json();
    assertThat(created.path("status").asText()).as("status of %s", applied).isIn("KEY_PENDING", "ACTIVE");
    assertThat(created.path("paymentStatus").asText()).as("paymentStatus of %s", applied).isEqualTo("PAID");
    assertThat(created.path("customer").asText()).as("customer of %s", applied).isEqualTo("alice");
    assertThat(created.path("mobilityId").asText()).as("mobilityId of %s", applied).isEqualTo(vehicle.idText());
    assertThat(created.path("hours").asInt()).as("hours of %s", applied).isEqualTo(HOURS);
    assertAmount(created, vehicle, HOURS);

    Response byLocation = alice.get(applied.location().orElseThrow());
    assertThat(byLocation.status()).as("GET Location: %s", byLocation).isEqualTo(200);
    assertThat(byLocation.text("id")).as("GET Location: %s", byLocation).isEqualTo(id);

    // the key worker issues a key: ACTIVE with a 4-digit key
    JsonNode active = awaitActive(alice, id);
    String key = active.path("key").asText();
    assertThat(key).as("key of %s", active).matches("\\d{4}");
    assertThat(active.path("paymentStatus").asText()).as("paymentStatus of %s", active).isEqualTo("PAID");

    // my page, newest first
    Response page = alice.myPage();
    assertThat(page.status()).as("my page: %s", page).isEqualTo(200);
    assertThat(page.json().path(0).path("id").asText()).as("newest on my page: %s", page).isEqualTo(id);
    assertThat(page.json().path(0).path("status").asText()).as("status on my page: %s", page).isEqualTo("ACTIVE");

    // another vehicle does not open with the key, nor does the vehicle with another code (neither is an unlock)
    RentalApiClient vehicleUnit = stack.vehicleUnit();
    Response otherVehicleAnswer = vehicleUnit.verifyKey(otherVehicle.id(), key);
    assertThat(otherVehicleAnswer.status()).as("verify on another vehicle: %s", otherVehicleAnswer).isEqualTo(200);
    assertThat(otherVehicleAnswer.json().path("valid").asBoolean(true))
        .as("verify on another vehicle: %s", otherVehicleAnswer).isFalse();
    String wrongKey = "%04d".formatted((Integer.parseInt(key) + 1) % 10_000);
    Response wrongKeyAnswer = vehicleUnit.verifyKey(vehicle.id(), wrongKey);
    assertThat(wrongKeyAnswer.status()).as("verify a wrong key: %s", wrongKeyAnswer).isEqualTo(200);
    assertThat(wrongKeyAnswer.json().path("valid").asBoolean(true)).as("verify a wrong key: %s", wrongKeyAnswer)
        .isFalse();

    // bob can neither see nor cancel alice's rental
    RentalApiClient bob = stack.bob();
    Response bobReads = bob.rental(id);
    assertThat(bobReads.status()).as("bob reads alice's rental: %s", bobReads).isEqualTo(404);
    Response bobCancels = bob.cancel(id);
    assertThat(bobCancels.status()).as("bob cancels alice's rental: %s", bobCancels).isEqualTo(404);
    assertThat(idsOnMyPage(bob)).as("bob's page").doesNotContain(id);
    assertThat(alice.rental(id).text("status")).as("still ACTIVE after bob's attempt").isEqualTo("ACTIVE");

    // cancel before the first unlock: 202 CANCELLING, then CANCELLED and REFUNDED
    Response cancelled = alice.cancel(id);
    assertThat(cancelled.status()).as("cancel: %s", cancelled).isEqualTo(202);
    assertThat(cancelled.text("status")).as("cancel: %s", cancelled).isEqualTo("CANCELLING");

    JsonNode done = awaitStatus(alice, id, "CANCELLED");
    assertThat(done.path("paymentStatus").asText()).as("paymentStatus of %s", done).isEqualTo("REFUNDED");
    assertNoKey(done);

    // the key no longer opens the vehicle
    Response revoked = vehicleUnit.verifyKey(vehicle.id(), key);
    assertThat(revoked.status()).as("verify after cancel: %s", revoked).isEqualTo(200);
    assertThat(revoked.json().path("valid").asBoolean(true)).as("verify after cancel: %s", revoked).isFalse();

    // the ledger: one charge, one refund of the same amount
    Response payment = stack.payments().payment(id);
    assertThat(payment.status()).as("payment: %s", payment).isEqualTo(200);
    JsonNode ledger = payment.json();
    assertThat(ledger.path("status").asText()).as("payment: %s", payment).isEqualTo("REFUNDED");
    List<JsonNode> charges = entries(ledger, "CHARGE");
    List<JsonNode> refunds = entries(ledger, "REFUND");
    assertThat(charges).as("CHARGE entries of %s", payment).hasSize(1);
    assertThat(refunds).as("REFUND entries of %s", payment).hasSize(1);
    assertThat(ledger.path("entries").size()).as("entries of %s", payment).isEqualTo(2);
    assertThat(charges.get(0).path("amount").decimalValue()).as("charge of %s", payment)
        .isEqualByComparingTo(created.path("amount").decimalValue());
    assertThat(refunds.get(0).path("amount").decimalValue()).as("refund of %s", payment)
        .isEqualByComparingTo(charges.get(0).path("amount").decimalValue());

    // the key store: revoked, and it never shows the code
    Response keyRecord = stack.keysAsOps().key(id);
    assertThat(keyRecord.status()).as("key record: %s", keyRecord).isEqualTo(200);
    assertThat(keyRecord.text("status")).as("key record: %s", keyRecord).isEqualTo("REVOKED");
    assertThat(keyRecord.text("rentalId")).as("key record: %s", keyRecord).isEqualTo(id);
    assertThat(keyRecord.text("mobilityId")).as("key record: %s", keyRecord).isEqualTo(vehicle.idText());
    assertThat(textValues(keyRecord.json())).as("the key record must not show the key code: %s", keyRecord)
        .doesNotContain(key);

    // revoke first, then refund (rental-api.md): all services run on this machine, one clock
    String revokedAt = keyRecord.text("revokedAt");
    String refundedAt = refunds.get(0).path("at").asText(null);
    assertThat(revokedAt).as("revokedAt of %s", keyRecord).isNotNull();
    assertThat(refundedAt).as("booking time of the refund in %s", payment).isNotNull();
    assertThat(Instant.parse(refundedAt)).as("refund at %s, key revoked at %s", refundedAt, revokedAt)
        .isAfterOrEqualTo(Instant.parse(revokedAt));

    // cancelling again is harmless: no second refund, still CANCELLED
    Response again = alice.cancel(id);
    assertThat(again.status()).as("cancel again: %s", again).isIn(200, 202);
    assertStaysSo("still CANCELLED, one refund", Duration.ofSeconds(3), () -> stack.payments().payment(id),
        r -> r.status() == 200 && entries(r.json(), "REFUND").size() == 1 && entries(r.json(), "CHARGE").size() == 1);
    assertThat(alice.rental(id).text("status")).as("after the second cancel").isEqualTo("CANCELLED");
  }

  @Test
  void aRentalWhoseVehicleWasUnlockedCanNoLongerBeCancelled() {
    Mobility vehicle = stack.claimVehicle();
    RentalApiClient alice = stack.alice();
    String id = rentalId(alice.apply(vehicle.id(), HOURS));
    String key = awaitActive(alice, id).path("key").asText();

    Response valid = stack.vehicleUnit().verifyKey(vehicle.id(), key);
    assertThat(valid.json().path("valid").asBoolean(false)).as("verify: %s", valid).isTrue();
    assertThat(valid.text("rentalId")).as("verify: %s", valid).isEqualTo(id);
    Response refused = alice.cancel(id);

    assertProblem(refused, 409);
    assertThat(refused.text("detail")).contains("Return the vehicle instead");
    JsonNode rental = alice.rental(id).json();
    assertThat(rental.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(rental.path("key").asText()).isEqualTo(key);
    assertThat(stack.vehicleUnit().verifyKey(vehicle.id(), key).json().path("valid").asBoolean()).isTrue();
    assertThat(stack.payments().payment(id).text("status")).isEqualTo("CHARGED");
    assertThat(stack.keysAsOps().key(id).text("firstUnlockedAt")).isNotBlank();
  }

  /**
   * Unlock, ride a little, return: the key stops opening the vehicle before the unused whole hours go back, the
   * ledger keeps the price of the hours begun, and the time-up never comes.
   */
  @Test
  void aliceRidesAndReturnsTheVehicleEarlyForTheUnusedHours() {
    Mobility vehicle = stack.claimVehicle();
    RentalApiClient alice = stack.alice();
    String id = rentalId(alice.apply(vehicle.id(), HOURS));
    JsonNode active = awaitActive(alice, id);
    String key = active.path("key").asText();
    assertThat(stack.vehicleUnit().verifyKey(vehicle.id(), key).json().path("valid").asBoolean()).isTrue();
    Instant start = Instant.parse(active.path("endsAt").asText()).minus(RentalStack.RENTAL_HOUR.multipliedBy(HOURS));

    Instant before = Instant.now();
    Response returned = alice.returnVehicle(id);
    Instant after = Instant.now();

    assertThat(returned.status()).as("return: %s", returned).isEqualTo(202);
    assertThat(returned.text("status")).as("return: %s", returned).isEqualTo("RETURNING");
    assertThat(returned.text("endsAt")).as("return: %s", returned).isEqualTo(active.path("endsAt").asText());
    assertProblem(alice.cancel(id), 409);
    JsonNode completed = awaitStatus(alice, id, "COMPLETED");
    assertNoKey(completed);
    assertThat(completed.path("paymentStatus").asText()).as("%s", completed).isEqualTo("PARTLY_REFUNDED");
    assertThat(stack.vehicleUnit().verifyKey(vehicle.id(), key).json().path("valid").asBoolean()).isFalse();

    // the hours begun by the return, priced as the catalogue prices up to 4 hours (linear); the rest comes back
    long firstBegun = hoursBegun(start, before);
    long lastBegun = hoursBegun(start, after);
    assertThat(lastBegun).as("hours begun by the return").isLessThanOrEqualTo(4);
    BigDecimal refunded = completed.path("refundedAmount").decimalValue();
    BigDecimal amount = completed.path("amount").decimalValue();
    assertThat(refunded).as("refund of %s", completed).isIn(LongStream.rangeClosed(firstBegun, lastBegun)
        .mapToObj(h -> amount.subtract(vehicle.pricePerHour().multiply(BigDecimal.valueOf(h)))).toArray());
    Response payment = stack.payments().payment(id);
    assertThat(payment.text("status")).as("payment: %s", payment).isEqualTo("PARTLY_REFUNDED");
    List<JsonNode> refunds = entries(payment.json(), "REFUND");
    assertThat(refunds).as("REFUND entries of %s", payment).hasSize(1);
    assertThat(refunds.get(0).path("amount").decimalValue()).isEqualByComparingTo(refunded);
    Response keyRecord = stack.keysAsOps().key(id);
    assertThat(keyRecord.text("status")).as("key record: %s", keyRecord).isEqualTo("REVOKED");
    assertThat(Instant.parse(refunds.get(0).path("at").asText()))
        .as("refund after the key was revoked (%s)", keyRecord).isAfterOrEqualTo(Instant.parse(keyRecord.text("revokedAt")));

    // a repeat changes nothing, and no time-up is left to come: the instance has ended, its timer with it
    assertProblem(alice.returnVehicle(id), 409);
    RentalApiClient engine = RentalApiClient.as(stack.processApp().baseUrl() + "/engine-rest", "admin", "admin");
    Response running = engine.get("/process-instance?businessKey=" + id);
    assertThat(running.json().size()).as("running instances of %s: %s", id, running).isZero();
    assertThat(entries(stack.payments().payment(id).json(), "REFUND")).hasSize(1);
  }

  /**
   * Two more hours for an ACTIVE rental: charged at once as an extension of its payment, the time-up and the key's
   * validity move by two hours, and a cancel afterwards (never unlocked) refunds the first charge and the extension.
   */
  @Test
  void aliceExtendsHerRentalAndTheKeyAndTheTimeUpMoveWithIt() {
    Mobility vehicle = stack.claimVehicle();
    RentalApiClient alice = stack.alice();
    // 20 hours: a minute with the stack's short hour, and 22 stay in the price list's tier of 20
    String id = rentalId(alice.apply(vehicle.id(), 20));
    JsonNode active = awaitActive(alice, id);
    Instant endsAt = Instant.parse(active.path("endsAt").asText());
    Instant keyValidUntil = Instant.parse(stack.keysAsOps().key(id).text("validUntil"));

    Response extended = alice.extend(id, 2);

    assertThat(extended.status()).as("extend: %s", extended).isEqualTo(200);
    assertThat(extended.json().path("hours").asInt()).as("extend: %s", extended).isEqualTo(22);
    BigDecimal extra = active.path("amount").decimalValue().divide(BigDecimal.valueOf(20)).multiply(BigDecimal.valueOf(2));
    assertThat(extended.json().path("amount").decimalValue()).as("extend: %s", extended)
        .isEqualByComparingTo(active.path("amount").decimalValue().add(extra));
    Duration twoHours = RentalStack.RENTAL_HOUR.multipliedBy(2);
    assertThat(Instant.parse(extended.text("endsAt"))).isEqualTo(endsAt.plus(twoHours));
    // the ledger: the first charge and the extension, one payment
    Response payment = stack.payments().payment(id);
    assertThat(entries(payment.json(), "EXTENSION")).as("payment: %s", payment).hasSize(1);
    assertThat(entries(payment.json(), "EXTENSION").get(0).path("amount").decimalValue()).isEqualByComparingTo(extra);
    assertThat(payment.json().path("amount").decimalValue()).isEqualByComparingTo(extended.json().path("amount")
        .decimalValue());
    // the key service: the key lasts two hours longer, as soon as the key worker has taken the task
    awaitAnswer("the key lasts the extended rental", Duration.ofSeconds(30), () -> stack.keysAsOps().key(id),
        r -> Instant.parse(r.text("validUntil")).equals(keyValidUntil.plus(twoHours)));
    assertThat(alice.rental(id).text("status")).isEqualTo("ACTIVE");

    // never unlocked: a cancel refunds all of it, the extension included
    assertThat(alice.cancel(id).status()).isEqualTo(202);
    JsonNode cancelled = awaitStatus(alice, id, "CANCELLED");
    assertThat(cancelled.path("refundedAmount").decimalValue()).isEqualByComparingTo(cancelled.path("amount")
        .decimalValue());
    assertThat(stack.payments().payment(id).text("status")).isEqualTo("REFUNDED");
    assertProblem(alice.extend(id, 1), 409);
  }

  private static long hoursBegun(Instant start, Instant at) {
    long hourMillis = RentalStack.RENTAL_HOUR.toMillis();
    return Math.max(1, (Duration.between(start, at).toMillis() + hourMillis - 1) / hourMillis);
  }

  /**
   * A cancel and the vehicle's first unlock at the same moment, for ten rentals: each ends one way or the other, as
   * the key service decided on the key's row: cancelled with the money back and a key that opens nothing, or active
   * with a key that works and the money kept.
   */
  @Test
  void aCancelRacingTheFirstUnlockEndsOneWayOrTheOther() throws Exception {
    RentalApiClient alice = stack.alice();
    Map<String, Mobility> vehicles = new LinkedHashMap<>();
    Map<String, String> keys = new LinkedHashMap<>();
    for (Mobility vehicle : stack.addVehicles("race-", 10)) {
      vehicles.put(rentalId(alice.apply(vehicle.id(), HOURS)), vehicle);
    }
    vehicles.keySet().forEach(id -> keys.put(id, awaitActive(alice, id).path("key").asText()));

    ExecutorService racers = Executors.newFixedThreadPool(2);
    try {
      for (String id : vehicles.keySet()) {
        Future<Response> unlock = racers.submit(
            () -> stack.vehicleUnit().verifyKey(vehicles.get(id).id(), keys.get(id)));
        Future<Response> cancel = racers.submit(() -> alice.cancel(id));
        boolean unlocked = unlock.get().json().path("valid").asBoolean();
        int cancelStatus = cancel.get().status();

        assertThat(cancelStatus).as("rental %s, unlocked: %s", id, unlocked).isEqualTo(unlocked ? 409 : 202);
        JsonNode settled = unlocked ? alice.rental(id).json() : awaitStatus(alice, id, "CANCELLED");
        assertThat(settled.path("status").asText()).isEqualTo(unlocked ? "ACTIVE" : "CANCELLED");
        assertThat(stack.vehicleUnit().verifyKey(vehicles.get(id).id(), keys.get(id)).json().path("valid")
            .asBoolean()).as("the key of rental %s works", id).isEqualTo(unlocked);
      }
    } finally {
      racers.shutdown();
    }
  }

  private static List<String> textValues(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isValueNode()) {
      values.add(node.asText());
    } else {
      node.forEach(child -> values.addAll(textValues(child)));
    }
    return values;
  }
}
