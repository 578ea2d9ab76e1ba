package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Base of the e2e classes: the shared stack and the waits and assertions they all need. */
@ExtendWith(RentalStackExtension.class)
abstract class E2eTest {

  protected static final Logger LOG = LoggerFactory.getLogger("e2e");
  protected static final Duration AT_MOST = Duration.ofSeconds(60);
  protected static final Duration POLL = Duration.ofMillis(200);

  protected static RentalStack stack;

  @BeforeAll
  static void useStack(RentalStack shared) {
    stack = shared;
  }

  // ---------------------------------------------------------------- waiting

  /**
   * Polls {@code GET /rentals/{id}} until {@code condition} holds and returns that rental. A timeout fails
   * with the last answer and every status seen on the way.
   */
  protected static JsonNode awaitRental(RentalApiClient customer, String rentalId, String description,
      Duration atMost, Predicate<JsonNode> condition) {
    AtomicReference<Response> last = new AtomicReference<>();
    Set<String> seen = new LinkedHashSet<>();
    try {
      await(description).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL).until(() -> {
        Response r = customer.rental(rentalId);
        last.set(r);
        assertThat(r.status()).as("polling %s: no 5xx, no 404 for the owner: %s", rentalId, r).isEqualTo(200);
        seen.add(r.text("status") + "/" + r.text("paymentStatus"));
        return condition.test(r.json());
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("rental " + rentalId + " did not become " + description + " within "
          + atMost.toSeconds() + " s; status/paymentStatus seen: " + seen + "; last answer: " + last.get(), e);
    }
    LOG.info("rental {} is {} (seen {})", rentalId, description, seen);
    return last.get().json();
  }

  protected static JsonNode awaitStatus(RentalApiClient customer, String rentalId, String status) {
    return awaitRental(customer, rentalId, status, AT_MOST, r -> status.equals(r.path("status").asText()));
  }

  /** ACTIVE with a key: the state in which a key exists to verify. */
  protected static JsonNode awaitActive(RentalApiClient customer, String rentalId) {
    return awaitRental(customer, rentalId, "ACTIVE with a key", AT_MOST,
        r -> "ACTIVE".equals(r.path("status").asText()) && r.hasNonNull("key"));
  }

  /** Polls {@code call} until its answer satisfies {@code condition}; a timeout shows the last answer. */
  protected static Response awaitAnswer(String description, Duration atMost,
      java.util.function.Supplier<Response> call, Predicate<Response> condition) {
    AtomicReference<Response> last = new AtomicReference<>();
    try {
      await(description).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL).until(() -> {
        Response r = call.get();
        last.set(r);
        return condition.test(r);
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(description + ": not within " + atMost.toSeconds() + " s; last answer: "
          + last.get(), e);
    }
    return last.get();
  }

  /** Checks {@code condition} again and again for {@code duration}: it must hold throughout. */
  protected static void assertStaysSo(String description, Duration duration,
      java.util.function.Supplier<Response> call, Predicate<Response> condition) {
    AtomicReference<Response> last = new AtomicReference<>();
    try {
      await(description).during(duration).atMost(duration.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
          .until(() -> {
            Response r = call.get();
            last.set(r);
            return condition.test(r);
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(description + ": did not hold for " + duration.toSeconds() + " s; last answer: "
          + last.get(), e);
    }
  }

  // ---------------------------------------------------------------- assertions

  /** An RFC 9457 problem with the given status and a useful detail. */
  protected static void assertProblem(Response r, int status) {
    assertThat(r.status()).as("status of %s", r).isEqualTo(status);
    assertThat(r.isProblem()).as("application/problem+json: %s", r).isTrue();
    JsonNode problem = r.json();
    assertThat(problem.isObject()).as("a JSON problem body: %s", r).isTrue();
    if (problem.hasNonNull("status")) {
      assertThat(problem.get("status").asInt()).as("problem status of %s", r).isEqualTo(status);
    }
    assertThat(problem.path("detail").asText("")).as("problem detail of %s", r).isNotBlank();
  }

  /**
   * A positive amount; for one hour exactly the catalogue's price per hour. (Longer rentals are priced by
   * the pricing decision, which may give a day rate, so no more is said about them.)
   */
  protected static void assertAmount(JsonNode rental, Mobility vehicle, int hours) {
    assertThat(rental.path("amount").isNumber()).as("a numeric amount: %s", rental).isTrue();
    assertThat(rental.path("amount").decimalValue()).as("amount of %s", rental).isPositive();
    if (hours == 1 && vehicle.pricePerHour() != null) {
      assertThat(rental.path("amount").decimalValue())
          .as("amount of a 1-hour rental %s: the catalogue's %s per hour", rental, vehicle.pricePerHour())
          .isEqualByComparingTo(vehicle.pricePerHour());
    }
  }

  protected static void assertNoKey(JsonNode rental) {
    assertThat(rental.path("key").isMissingNode() || rental.path("key").isNull())
        .as("no key outside ACTIVE: %s", rental).isTrue();
  }

  /** The ledger entries of one type ({@code CHARGE} or {@code REFUND}) of a payment-adapter answer. */
  protected static List<JsonNode> entries(JsonNode payment, String type) {
    List<JsonNode> result = new ArrayList<>();
    for (JsonNode entry : payment.path("entries")) {
      if (type.equals(entry.path("type").asText())) {
        result.add(entry);
      }
    }
    return result;
  }

  /** The ids on a customer's page, newest first. */
  protected static List<String> idsOnMyPage(RentalApiClient customer) {
    Response page = customer.myPage();
    assertThat(page.status()).as("my page: %s", page).isEqualTo(200);
    assertThat(page.json().isArray()).as("my page is a JSON array: %s", page).isTrue();
    List<String> ids = new ArrayList<>();
    page.json().forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }

  /** The id from an application's answer: the body's {@code id}, else the last segment of Location. */
  protected static String rentalId(Response applied) {
    String id = applied.text("id");
    if (id == null || id.isBlank()) {
      id = applied.location().map(l -> l.substring(l.lastIndexOf('/') + 1)).orElse(null);
    }
    assertThat(id).as("a rental id in %s", applied).isNotBlank();
    return id;
  }
}
