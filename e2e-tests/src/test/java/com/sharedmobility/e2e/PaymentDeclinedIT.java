package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** A declined card: 402, the rental is REJECTED, no key is ever made, nothing is charged. */
@Order(2)
class PaymentDeclinedIT extends E2eTest {

  @Test
  void aDeclinedCardRejectsTheRentalWithoutKeyOrCharge() {
    Mobility vehicle = stack.claimVehicle();
    RentalApiClient alice = stack.alice();

    Response applied = alice.apply(vehicle.id(), 1, "pm_card_chargeDeclined");
    assertProblem(applied, 402);

    // the rejected rental is on my page, newest first
    Response page = alice.myPage();
    assertThat(page.status()).as("my page: %s", page).isEqualTo(200);
    JsonNode newest = page.json().path(0);
    assertThat(newest.path("mobilityId").asText()).as("newest on my page: %s", page).isEqualTo(vehicle.idText());
    assertThat(newest.path("status").asText()).as("newest on my page: %s", page).isEqualTo("REJECTED");
    assertThat(newest.path("paymentStatus").asText()).as("newest on my page: %s", page).isEqualTo("DECLINED");
    assertNoKey(newest);
    String id = newest.path("id").asText();
    assertThat(id).as("id on my page: %s", page).isNotBlank();

    Response rental = alice.rental(id);
    assertThat(rental.status()).as("the rejected rental: %s", rental).isEqualTo(200);
    assertThat(rental.text("status")).as("the rejected rental: %s", rental).isEqualTo("REJECTED");
    assertThat(rental.text("paymentStatus")).as("the rejected rental: %s", rental).isEqualTo("DECLINED");
    assertNoKey(rental.json());

    // no key, ever: watch the key store for a while, the worker polls in the background
    assertStaysSo("no key for a rejected rental", Duration.ofSeconds(4), () -> stack.keysAsOps().key(id),
        r -> r.status() == 404);

    // the ledger records the decline and holds no charge
    Response payment = stack.payments().payment(id);
    assertThat(payment.status()).as("payment: %s", payment).isEqualTo(200);
    assertThat(payment.text("status")).as("payment: %s", payment).isEqualTo("DECLINED");
    assertThat(entries(payment.json(), "CHARGE")).as("CHARGE entries of %s", payment).isEmpty();
    assertThat(entries(payment.json(), "REFUND")).as("REFUND entries of %s", payment).isEmpty();

    // a rejected rental cannot be cancelled
    Response cancel = alice.cancel(id);
    assertThat(cancel.status()).as("cancel a rejected rental: %s", cancel).isEqualTo(409);
    assertThat(alice.rental(id).text("status")).as("after the refused cancel").isEqualTo("REJECTED");

    // and it does not block the vehicle: a good card gets it
    Response retry = alice.apply(vehicle.id(), 1, "pm_card_visa");
    assertThat(retry.status()).as("apply again with a good card: %s", retry).isEqualTo(201);
    assertThat(rentalId(retry)).as("a new rental").isNotEqualTo(id);
  }
}
