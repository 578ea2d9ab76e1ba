package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key across the nodes of a cluster and across a restart: the key lives in the shared database, so a
 * client whose request timed out may repeat it on any node, at any time within 24 hours. Runs on the two-node stack
 * before TwoNodeClusterIT kills one of its nodes.
 */
@Order(2190)
@TwoNodeStack
class IdempotencyIT extends E2eTest {

  @Test
  void aRepeatOnTheOtherNodeGetsTheFirstAnswer() {
    Mobility vehicle = stack.claimVehicle();
    String key = UUID.randomUUID().toString();

    Response first = node(0).apply(vehicle.id(), 2, null, key);
    Response repeat = node(1).apply(vehicle.id(), 2, null, key);

    assertThat(first.status()).as("%s", first).isEqualTo(201);
    assertThat(repeat.status()).isEqualTo(201);
    assertThat(repeat.body()).isEqualTo(first.body());
    assertThat(repeat.location()).isEqualTo(first.location());
    assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(node(1).apply(vehicle.id(), 3, null, key).status()).as("the same key, another body").isEqualTo(422);
  }

  @Test
  void tenConcurrentRepeatsOnBothNodesRentOnce() throws Exception {
    Mobility vehicle = stack.claimVehicle();
    String key = UUID.randomUUID().toString();
    List<Callable<Response>> repeats = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      RentalApiClient client = node(i % 2);
      repeats.add(() -> client.apply(vehicle.id(), 2, null, key));
    }
    List<Response> answers = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(10);
    try {
      for (Future<Response> answer : clients.invokeAll(repeats)) {
        answers.add(answer.get());
      }
    } finally {
      clients.shutdown();
    }

    // paid at once (201) or, on a busy machine, pending (202); every other repeat is told it is in flight (409)
    assertThat(answers).extracting(Response::status).as("%s", answers).isSubsetOf(201, 202, 409);
    List<Response> started = answers.stream().filter(a -> a.status() < 300).toList();
    assertThat(started).extracting(a -> a.text("id")).containsOnly(started.get(0).text("id"));
    assertThat(started).filteredOn(a -> a.headers().firstValue("Idempotent-Replayed").isEmpty()).hasSize(1);
    assertThat(stack.alice().myPage().json().findValuesAsText("mobilityId")).containsOnlyOnce(vehicle.idText());
  }

  @Test
  void aRepeatAfterTheNodeRestartedGetsTheFirstAnswer() {
    Mobility vehicle = stack.claimVehicle();
    String key = UUID.randomUUID().toString();
    Response first = node(0).apply(vehicle.id(), 2, null, key);
    assertThat(first.status()).as("%s", first).isEqualTo(201);

    stack.stop(RentalStack.PROCESS_APP);
    stack.restart(RentalStack.PROCESS_APP);
    Response repeat = node(0).apply(vehicle.id(), 2, null, key);

    assertThat(repeat.status()).isEqualTo(201);
    assertThat(repeat.body()).isEqualTo(first.body());
    assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
  }

  private static RentalApiClient node(int index) {
    return stack.customerAt(stack.processAppNodes().get(index), "alice");
  }
}
