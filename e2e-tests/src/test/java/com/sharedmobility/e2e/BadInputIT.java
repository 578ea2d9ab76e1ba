package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Malformed, out-of-range, unknown and anonymous requests: a clear 4xx, and nothing changes. */
@Order(4)
class BadInputIT extends E2eTest {

  @Test
  void badRequestsAreRefusedWithoutSideEffects() {
    // bob: alice's rentals of the other classes may still be moving, bob's page must stand still
    RentalApiClient bob = stack.bob();
    List<String> before = idsOnMyPage(bob);
    Mobility vehicle = stack.claimVehicle();
    String id = vehicle.id().toString(); // as a JSON literal: 7 or "bike-7"

    // out of range or not a whole number: 400 problem+json
    for (String hours : List.of("0", "25", "-1", "\"two\"", "1.5", "null")) {
      Response r = bob.postRaw("/rentals", "{\"mobilityId\":" + id + ",\"hours\":" + hours + "}");
      assertProblem(r, 400);
    }
    // missing fields, a body that is no JSON object, no body
    assertProblem(bob.postRaw("/rentals", "{\"hours\":2}"), 400);
    assertProblem(bob.postRaw("/rentals", "{\"mobilityId\":" + id + "}"), 400);
    assertProblem(bob.postRaw("/rentals", "{\"mobilityId\":" + id + ",\"hours\":"), 400);
    assertProblem(bob.postRaw("/rentals", "[]"), 400);
    assertProblem(bob.postRaw("/rentals", ""), 400);

    // unknown things: 404 problem+json
    JsonNode unknownVehicle = vehicle.id().isNumber() ? IntNode.valueOf(987_654_321)
        : TextNode.valueOf("zz-unknown-" + UUID.randomUUID().toString().substring(0, 8));
    assertProblem(bob.apply(unknownVehicle, 2), 404);
    String unknownRental = UUID.randomUUID().toString();
    Response unknownRead = bob.rental(unknownRental);
    assertThat(unknownRead.status()).as("unknown rental: %s", unknownRead).isEqualTo(404);
    Response unknownCancel = bob.cancel(unknownRental);
    assertThat(unknownCancel.status()).as("cancel an unknown rental: %s", unknownCancel).isEqualTo(404);
    Response nonsenseRead = bob.rental("not-a-rental-id");
    assertThat(nonsenseRead.status()).as("a malformed rental id: %s", nonsenseRead).isIn(400, 404);

    // anonymous or wrong password: 401, on every customer call
    RentalApiClient anonymous = stack.anonymous();
    RentalApiClient wrongPassword = RentalApiClient.as(stack.processApp().baseUrl(), "bob", "not-bob");
    for (RentalApiClient stranger : List.of(anonymous, wrongPassword)) {
      for (Response r : List.of(stranger.mobilities(), stranger.myPage(), stranger.rental(unknownRental),
          stranger.apply(vehicle.id(), 2), stranger.cancel(unknownRental))) {
        assertThat(r.status()).as("a stranger: %s", r).isEqualTo(401);
      }
    }

    // nothing happened: bob's page is as it was, and the vehicle is still free
    assertThat(idsOnMyPage(bob)).as("bob's page after the bad requests").isEqualTo(before);
    Response good = bob.apply(vehicle.id(), 1);
    assertThat(good.status()).as("the vehicle of the bad requests is still free: %s", good).isEqualTo(201);
    assertThat(idsOnMyPage(bob)).as("bob's page after one good request").hasSize(before.size() + 1);
  }
}
