package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The payment service is down: the application is accepted (202 PAYMENT_PENDING, never a 5xx) and the
 * charge is retried until the service is back. Runs last on the default stack: it stops and restarts
 * payment-adapter.
 */
@Order(1000)
class PaymentOutageIT extends E2eTest {

  /** Long enough to stay ACTIVE with the stack's short rental hour. */
  private static final int HOURS = 24;

  @Test
  void aPaymentOutageDelaysTheRentalButDoesNotLoseIt() {
    Mobility vehicle = stack.claimVehicle();
    RentalApiClient alice = stack.alice();

    stack.stop(RentalStack.PAYMENT_ADAPTER);
    Response applied = alice.apply(vehicle.id(), HOURS);
    assertThat(applied.status()).as("apply while payment is down: %s", applied).isEqualTo(202);
    String id = rentalId(applied);
    assertThat(applied.text("status")).as("apply while payment is down: %s", applied)
        .isEqualTo("PAYMENT_PENDING");
    assertThat(applied.text("paymentStatus")).as("apply while payment is down: %s", applied).isEqualTo("NONE");

    Response pending = alice.rental(id);
    assertThat(pending.status()).as("read while payment is down: %s", pending).isEqualTo(200);
    assertThat(pending.text("status")).as("read while payment is down: %s", pending)
        .isEqualTo("PAYMENT_PENDING");
    Response page = alice.myPage();
    assertThat(page.status()).as("my page while payment is down: %s", page).isEqualTo(200);
    assertThat(page.json().path(0).path("id").asText()).as("newest on my page: %s", page).isEqualTo(id);

    // back on the same port and database: a retry charges it
    stack.restart(RentalStack.PAYMENT_ADAPTER);
    JsonNode active = awaitRental(alice, id, "ACTIVE with a key", Duration.ofSeconds(90),
        r -> "ACTIVE".equals(r.path("status").asText()) && r.hasNonNull("key"));
    assertThat(active.path("paymentStatus").asText()).as("paymentStatus of %s", active).isEqualTo("PAID");
    assertThat(active.path("key").asText()).as("key of %s", active).matches("\\d{4}");
    assertAmount(active, vehicle, HOURS);

    // charged exactly once, whatever the retries did
    assertStaysSo("charged exactly once", Duration.ofSeconds(3), () -> stack.payments().payment(id),
        r -> r.status() == 200 && "CHARGED".equals(r.text("status"))
            && entries(r.json(), "CHARGE").size() == 1 && entries(r.json(), "REFUND").isEmpty());
    Response payment = stack.payments().payment(id);
    assertThat(entries(payment.json(), "CHARGE").get(0).path("amount").decimalValue())
        .as("the charge of %s", payment).isEqualByComparingTo(active.path("amount").decimalValue());
    Response keyRecord = stack.keysAsOps().key(id);
    assertThat(keyRecord.text("status")).as("key record: %s", keyRecord).isEqualTo("ISSUED");
  }
}
