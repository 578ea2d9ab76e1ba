package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * An operator deletes a live rental's process instance through engine REST while the key service is down: the
 * rental is ABORTED at once, but its money stays where it is, through several reconciliation rounds, until the key
 * service is back and has revoked the key; then it is refunded. Proven at the key and payment services.
 */
@Order(2251)
@ReconciliationStack
class OperatorAbortIT extends E2eTest {

  @Test
  void anAbortWhileTheKeyServiceIsDownKeepsTheMoneyUntilTheKeyIsRevokedThenReleasesIt() throws SQLException {
    RentalApiClient alice = stack.alice();
    Mobility vehicle = stack.claimVehicle();
    Response applied = alice.apply(vehicle.id(), 24);
    assertThat(applied.status()).as("%s", applied).isEqualTo(201);
    String rental = applied.text("id");
    String key = awaitActive(alice, rental).path("key").asText();
    // a rental charged an hour ago, far older than the reconciliation's grace: the kind an earlier reconciliation
    // refunded at its next round once aborted, key or no key
    try (Connection c = stack.connect(RentalStack.PAYMENT_ADAPTER);
         PreparedStatement backdate = c.prepareStatement(
             "UPDATE payment SET created_at = created_at - interval '1 hour' WHERE rental_id = ?::uuid")) {
      backdate.setString(1, rental);
      assertThat(backdate.executeUpdate()).isEqualTo(1);
    }

    stack.stop(RentalStack.KEY_ADAPTER);
    RentalApiClient engine = RentalApiClient.as(stack.processApp().baseUrl() + "/engine-rest", "admin", "admin");
    String instance = engine.get("/process-instance?businessKey=" + rental).json().get(0).path("id").asText();
    assertThat(engine.delete("/process-instance/" + instance).status()).isEqualTo(204);
    awaitStatus(alice, rental, "ABORTED");

    Duration rounds = ReconciliationStack.INTERVAL.multipliedBy(3);
    assertStaysSo("the money kept while the key may still open the vehicle", rounds,
        () -> stack.payments().payment(rental), p -> "CHARGED".equals(p.text("status")));

    stack.restart(RentalStack.KEY_ADAPTER);
    JsonNode payment = awaitAnswer("the money released", AT_MOST, () -> stack.payments().payment(rental),
        p -> "REFUNDED".equals(p.text("status"))).json();
    JsonNode revokedKey = stack.keysAsOps().key(rental).json();
    assertThat(revokedKey.path("status").asText()).isEqualTo("REVOKED");
    Instant revokedAt = Instant.parse(revokedKey.path("revokedAt").asText());
    Instant refundedAt = Instant.parse(payment.path("entries").get(1).path("at").asText());
    assertThat(payment.path("entries").get(1).path("type").asText()).isEqualTo("REFUND");
    assertThat(revokedAt).as("key revoked (key service) before the refund (payment service)").isBefore(refundedAt);
    assertThat(stack.vehicleUnit().verifyKey(vehicle.id(), key).json().path("valid").asBoolean()).isFalse();
    assertThat(awaitStatus(alice, rental, "ABORTED").path("paymentStatus").asText()).isEqualTo("REFUNDED");
  }
}
