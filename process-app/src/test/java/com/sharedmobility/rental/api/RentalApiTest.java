package com.sharedmobility.rental.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.payment.PaymentAdapter;
import com.sharedmobility.rental.payment.PaymentDeclinedException;
import com.sharedmobility.rental.payment.PaymentRefusedException;
import com.sharedmobility.rental.payment.PaymentUnavailableException;
import com.sharedmobility.rental.process.RentalProcess;
import com.sharedmobility.rental.usecase.ApplicationAdmission;
import com.sharedmobility.rental.usecase.KeyWorkerActivity;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The customer API over real HTTP, as a client sees it: statuses, problem+json, and nothing changed by bad input. */
class RentalApiTest extends RentalTestBase {

  private static final String PROBLEM_JSON = "application/problem+json";

  @LocalServerPort
  int port;
  @Autowired
  ObjectMapper json;
  @Autowired
  KeyWorkerActivity keyWorker;
  @Autowired
  ApplicationAdmission admission;
  @Autowired
  MeterRegistry meters;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anonymousCallsAreRefusedWith401() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/mypages")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void wrongPasswordIsRefusedWith401() throws Exception {
    assertThat(send("alice", "bob", "GET", "/mypages", null).statusCode()).isEqualTo(401);
  }

  @Test
  void catalogueListsAtLeastTwentyVehiclesWithTheirHourlyPrice() throws Exception {
    JsonNode catalogue = body(send("alice", "GET", "/mobilities", null));

    assertThat(catalogue.size()).isGreaterThanOrEqualTo(20);
    assertThat(catalogue.get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("id", "type", "name", "pricePerHour");
    assertThat(catalogue.findValuesAsText("type")).contains("BIKE", "SCOOTER", "CAR");
  }

  @Test
  void paidApplicationAnswers201WithLocation() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);

    HttpResponse<String> response = apply("alice", "{\"mobilityId\":\"car-01\",\"hours\":2}");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode rental = body(response);
    assertThat(response.headers().firstValue("Location")).hasValue(uri("/rentals/" + rental.get("id").asText()).toString());
    assertThat(rental.get("status").asText()).isEqualTo("KEY_PENDING");
    assertThat(rental.get("paymentStatus").asText()).isEqualTo("PAID");
    assertThat(rental.get("amount").decimalValue()).isEqualByComparingTo("24.00");
    assertThat(rental.get("currency").asText()).isEqualTo("EUR");
    assertThat(rental.has("key")).isFalse();
    assertThat(body(send("alice", "GET", "/rentals/" + rental.get("id").asText(), null)).get("status").asText())
        .isEqualTo("KEY_PENDING");
  }

  @Test
  void declinedApplicationAnswers402AndIsRejectedOnMyPage() throws Exception {
    when(payments.charge(any(), any())).thenThrow(new PaymentDeclinedException("declined"));

    HttpResponse<String> response = apply("alice",
        "{\"mobilityId\":\"bike-02\",\"hours\":1,\"paymentMethod\":\"pm_card_chargeDeclined\"}");

    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    assertThat(body(response).get("detail").asText()).isNotBlank();
    JsonNode myPage = body(send("alice", "GET", "/mypages", null));
    assertThat(myPage.get(0).get("status").asText()).isEqualTo("REJECTED");
    assertThat(myPage.get(0).get("paymentStatus").asText()).isEqualTo("DECLINED");
  }

  @Test
  void aFullChargeBulkheadAnswers503WithRetryAfterAndStartsNothing() throws Exception {
    when(payments.charge(any(), any())).thenThrow(
        BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults(PaymentAdapter.CHARGES)));
    double refusedBefore = refusals("charges-busy");

    HttpResponse<String> response = apply("alice", "{\"mobilityId\":\"bike-04\",\"hours\":1}");

    assertBusy(response);
    assertThat(body(response).get("detail").asText()).contains("not started");
    assertThat(body(send("alice", "GET", "/mypages", null))).isEmpty();
    assertThat(refusals("charges-busy")).isEqualTo(refusedBefore + 1);
  }

  /** Refused while keys lag behind a working key service; accepted again once it stops (down, not slow). */
  @Test
  void applicationsAreRefusedWhileKeysLagButNotWhenTheKeyServiceIsDown() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    assertThat(apply("alice", "{\"mobilityId\":\"bike-05\",\"hours\":1}").statusCode()).isEqualTo(201);
    double refusedBefore = refusals("key-backlog");
    Thread.sleep(2_200); // the key task of bike-05 is now older than rental.admission.max-key-wait (0.5 s)
    keyWorker.completed(); // the key worker is at work

    HttpResponse<String> refused = apply("alice", "{\"mobilityId\":\"bike-06\",\"hours\":1}");

    assertBusy(refused);
    assertThat(body(refused).get("detail").asText()).contains("Keys are being issued");
    assertThat(refusals("key-backlog")).isEqualTo(refusedBefore + 1);
    Thread.sleep(2_100); // no completion within rental.admission.worker-active (2 s): the key service is down
    assertThat(apply("alice", "{\"mobilityId\":\"bike-06\",\"hours\":1}").statusCode()).isEqualTo(201);
  }

  /** Past its applications in progress the node refuses at once, before any work; a finished one lets the next in. */
  @Test
  void anApplicationBeyondTheOnesInProgressIsRefusedAtOnce() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    List<ApplicationAdmission.Ticket> inProgress = new ArrayList<>();
    double refusedBefore = refusals("applications-in-progress");
    try {
      for (int i = 0; i < 6; i++) { // rental.admission.max-concurrent-applications
        inProgress.add(admission.admit());
      }

      HttpResponse<String> refused = apply("alice", "{\"mobilityId\":\"car-02\",\"hours\":1}");

      assertBusy(refused);
      assertThat(body(refused).get("detail").asText()).contains("Too many rentals", "not started");
      assertThat(refusals("applications-in-progress")).isEqualTo(refusedBefore + 1);
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
      verifyNoInteractions(payments);
    } finally {
      inProgress.forEach(ApplicationAdmission.Ticket::close);
    }
    assertThat(apply("alice", "{\"mobilityId\":\"car-02\",\"hours\":1}").statusCode()).isEqualTo(201);
  }

  private void assertBusy(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
  }

  private double refusals(String reason) {
    return meters.counter(ApplicationAdmission.REFUSALS, "reason", reason).count();
  }

  @Test
  void applicationWhilePaymentIsDownAnswers202() throws Exception {
    when(payments.charge(any(), any())).thenThrow(new PaymentUnavailableException("down", null));

    HttpResponse<String> response = apply("alice", "{\"mobilityId\":\"bike-03\",\"hours\":1}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Location")).isPresent();
    assertThat(body(response).get("status").asText()).isEqualTo("PAYMENT_PENDING");
  }

  @Test
  void aVehicleWithALiveRentalAnswers409() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    assertThat(apply("alice", "{\"mobilityId\":\"scooter-01\",\"hours\":1}").statusCode()).isEqualTo(201);

    HttpResponse<String> second = apply("bob", "{\"mobilityId\":\"scooter-01\",\"hours\":1}");

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    assertThat(body(send("bob", "GET", "/mypages", null)).size()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"mobilityId\":\"bike-01\",\"hours\":0}",
      "{\"mobilityId\":\"bike-01\",\"hours\":25}",
      "{\"mobilityId\":\"car-01\",\"hours\":100000}",
      "{\"mobilityId\":\"bike-01\",\"hours\":-1}",
      "{\"mobilityId\":\"bike-01\",\"hours\":2.5}",
      "{\"mobilityId\":\"bike-01\",\"hours\":\"two\"}",
      "{\"mobilityId\":\"bike-01\",\"hours\":\"2\"}",
      "{\"mobilityId\":\"bike-01\"}",
      "{\"hours\":2}",
      "{\"mobilityId\":\"\",\"hours\":2}",
      "{\"mobilityId\":\"bike-01' OR '1'='1\",\"hours\":2}",
      "{\"mobilityId\":\"bike-01\",\"hours\":2,\"paymentMethod\":\"visa\"}",
      "{\"mobilityId\":\"bike-01\",\"hours\":2,\"price\":0}",
      "{\"mobilityId\":\"bike-01\",\"hours\":",
      "[]",
      ""})
  void badInputAnswers400AndChangesNothing(String requestBody) throws Exception {
    HttpResponse<String> response = apply("alice", requestBody);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    assertThat(body(response).get("detail").asText()).isNotBlank().doesNotContain("Exception", "at com.");
    assertThat(body(send("alice", "GET", "/mypages", null)).size()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }

  /** The pricing decision alone says which hours can be rented; beyond its rules the answer says so. */
  @Test
  void hoursThePriceListHasNoPriceForAnswer400WithAReasonNotA500() throws Exception {
    HttpResponse<String> response = apply("alice", "{\"mobilityId\":\"scooter-02\",\"hours\":25}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).get("title").asText()).isEqualTo("No price for these hours");
    assertThat(body(response).get("detail").asText())
        .isEqualTo("The price list has no price for 25 hours of a scooter. Choose fewer hours.");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    verifyNoInteractions(payments);
  }

  /** What Swagger UI shows a client developer: the product, how to sign in here, the API's parts by name. */
  @Test
  void theApiDocumentationNamesTheProductItsSignInAndItsParts() throws Exception {
    JsonNode docs = body(send("alice", "GET", "/v3/api-docs", null));

    assertThat(docs.at("/info/title").asText()).isEqualTo("Shared Mobility rental API");
    assertThat(docs.at("/info/version").asText()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(docs.at("/info/description").asText()).contains("4-digit key");
    assertThat(docs.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
    assertThat(docs.at("/security/0").has("basic")).isTrue();
    assertThat(docs.path("tags").findValuesAsText("name")).containsExactly("Vehicles", "Rentals", "My page");
    assertThat(docs.at("/paths/~1rentals/post/tags/0").asText()).isEqualTo("Rentals");
    assertThat(docs.at("/paths/~1mobilities/get/tags/0").asText()).isEqualTo("Vehicles");
    assertThat(docs.at("/paths/~1mypages/get/tags/0").asText()).isEqualTo("My page");
    assertThat(docs.toString()).doesNotContain("rental-controller", "OpenAPI definition");
  }

  @Test
  void unknownVehicleAnswers404() throws Exception {
    HttpResponse<String> response = apply("alice", "{\"mobilityId\":\"hovercraft-1\",\"hours\":2}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(body(response).get("detail").asText()).contains("hovercraft-1");
  }

  @Test
  void aPaymentMethodThePaymentServiceRefusesAnswers400AndLeavesNothing() throws Exception {
    when(payments.charge(any(), any())).thenThrow(new PaymentRefusedException(400, "unknown method", null));

    HttpResponse<String> response = apply("alice", "{\"mobilityId\":\"bike-04\",\"hours\":1,\"paymentMethod\":\"pm_card_unknown\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(send("alice", "GET", "/mypages", null)).size()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void rentalsOfOthersAndUnknownRentalsAnswer404() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String id = body(apply("alice", "{\"mobilityId\":\"car-02\",\"hours\":1}")).get("id").asText();

    assertThat(send("bob", "GET", "/rentals/" + id, null).statusCode()).isEqualTo(404);
    assertThat(send("bob", "POST", "/rentals/" + id + "/cancel", null).statusCode()).isEqualTo(404);
    assertThat(send("alice", "GET", "/rentals/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
    assertThat(send("alice", "GET", "/rentals/not-a-rental-id", null).statusCode()).isEqualTo(400);
    assertThat(body(send("alice", "GET", "/rentals/" + id, null)).get("status").asText()).isEqualTo("KEY_PENDING");
  }

  @Test
  void myPageShowsOnlyTheCallersRentalsNewestFirst() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String first = body(apply("alice", "{\"mobilityId\":\"bike-05\",\"hours\":1}")).get("id").asText();
    String second = body(apply("alice", "{\"mobilityId\":\"bike-06\",\"hours\":1}")).get("id").asText();
    apply("bob", "{\"mobilityId\":\"bike-07\",\"hours\":1}");

    JsonNode myPage = body(send("alice", "GET", "/mypages", null));

    assertThat(myPage.findValuesAsText("id")).containsExactly(second, first);
    assertThat(myPage.findValuesAsText("customer")).containsOnly("alice");
  }

  @Test
  void myPageGoesOnPageByPageThroughItsLinkHeaderUntilThereIsNoNext() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    List<String> applied = new ArrayList<>();
    for (String vehicle : List.of("bike-05", "bike-06", "bike-07", "bike-08", "scooter-01")) {
      applied.add(0, body(apply("alice", "{\"mobilityId\":\"" + vehicle + "\",\"hours\":1}")).get("id").asText());
    }
    List<String> seen = new ArrayList<>();
    String next = "/mypages?limit=2";
    int pages = 0;
    while (next != null) {
      HttpResponse<String> page = send("alice", "GET", next, null);
      assertThat(page.statusCode()).isEqualTo(200);
      seen.addAll(body(page).findValuesAsText("id"));
      next = page.headers().firstValue("Link").map(link -> {
        assertThat(link).matches("<http://[^>]+/mypages\\?limit=2&after=[A-Za-z0-9_-]+>; rel=\"next\"");
        return link.substring(link.indexOf("/mypages"), link.indexOf('>'));
      }).orElse(null);
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(applied);
    assertThat(send("alice", "GET", "/mypages?after=not-a-cursor", null).statusCode()).isEqualTo(400);
  }

  @Test
  void cancelAnswers202ThenIsHarmlessToRepeat() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String id = body(apply("alice", "{\"mobilityId\":\"scooter-02\",\"hours\":1}")).get("id").asText();

    HttpResponse<String> cancel = send("alice", "POST", "/rentals/" + id + "/cancel", null);
    HttpResponse<String> again = send("alice", "POST", "/rentals/" + id + "/cancel", null);

    assertThat(cancel.statusCode()).isEqualTo(202);
    assertThat(body(cancel).get("status").asText()).isEqualTo("CANCELLING");
    assertThat(again.statusCode()).isEqualTo(202);
  }

  @Test
  void cancellingARejectedRentalAnswers409() throws Exception {
    when(payments.charge(any(), any())).thenThrow(new PaymentDeclinedException("declined"));
    String id = body(apply("alice", "{\"mobilityId\":\"scooter-03\",\"hours\":1}")).at("/rental/id").asText();

    HttpResponse<String> cancel = send("alice", "POST", "/rentals/" + id + "/cancel", null);

    assertThat(cancel.statusCode()).isEqualTo(409);
    // the problem's own status stays the HTTP status (RFC 9457); the rental's is a member of its own
    assertThat(body(cancel).get("status").asInt()).isEqualTo(409);
    assertThat(body(cancel).get("rentalStatus").asText()).isEqualTo("REJECTED");
  }

  @Test
  void returnAnswers202ReturningWithTheEndAndIsHarmlessToRepeat() throws Exception {
    String id = activeRental("scooter-04", 2);
    JsonNode active = body(send("alice", "GET", "/rentals/" + id, null));
    assertThat(active.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(Instant.parse(active.get("endsAt").asText()))
        .isCloseTo(Instant.now().plus(Duration.ofMinutes(2)), within(Duration.ofSeconds(10)));

    HttpResponse<String> returned = send("alice", "POST", "/rentals/" + id + "/return", null);
    HttpResponse<String> again = send("alice", "POST", "/rentals/" + id + "/return", null);

    assertThat(returned.statusCode()).isEqualTo(202);
    assertThat(body(returned).get("status").asText()).isEqualTo("RETURNING");
    assertThat(body(returned).get("endsAt").asText()).isEqualTo(active.get("endsAt").asText());
    assertThat(body(returned).has("key")).isFalse();
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(send("bob", "POST", "/rentals/" + id + "/return", null).statusCode()).isEqualTo(404);
    HttpResponse<String> cancel = send("alice", "POST", "/rentals/" + id + "/cancel", null);
    assertThat(cancel.statusCode()).isEqualTo(409);
    assertThat(body(cancel).get("rentalStatus").asText()).isEqualTo("RETURNING");
  }

  @Test
  void returningARentalThatIsNotActiveAnswers409() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String id = body(apply("alice", "{\"mobilityId\":\"scooter-05\",\"hours\":1}")).get("id").asText();

    HttpResponse<String> returned = send("alice", "POST", "/rentals/" + id + "/return", null);

    assertThat(returned.statusCode()).isEqualTo(409);
    assertThat(body(returned).get("title").asText()).isEqualTo("Rental not returnable");
    assertThat(body(returned).get("rentalStatus").asText()).isEqualTo("KEY_PENDING");
    assertThat(send("alice", "POST", "/rentals/not-a-rental-id/return", null).statusCode()).isEqualTo(400);
  }

  @Test
  void extendAnswers200WithTheNewHoursAmountAndEnd() throws Exception {
    String id = activeRental("scooter-06", 2);
    JsonNode active = body(send("alice", "GET", "/rentals/" + id, null));
    when(payments.extend(any(), any(), any(), any())).thenReturn(CHARGED);

    HttpResponse<String> extended = send("alice", "POST", "/rentals/" + id + "/extend", "{\"hours\":2}");

    assertThat(extended.statusCode()).isEqualTo(200);
    JsonNode rental = body(extended);
    assertThat(rental.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(rental.get("hours").asInt()).isEqualTo(4);
    assertThat(rental.get("amount").decimalValue()).isEqualByComparingTo("14.00");
    assertThat(Instant.parse(rental.get("endsAt").asText()))
        .isEqualTo(Instant.parse(active.get("endsAt").asText()).plus(Duration.ofMinutes(2)));
    assertThat(rental.get("key").asText()).isEqualTo("8642");
  }

  @Test
  void extendRefusalsAreProblemsThatChangeNothing() throws Exception {
    String id = activeRental("scooter-07", 1);
    when(payments.extend(any(), any(), any(), any()))
        .thenThrow(new PaymentDeclinedException("declined"))
        .thenThrow(new PaymentUnavailableException("down", null));

    HttpResponse<String> declined = send("alice", "POST", "/rentals/" + id + "/extend", "{\"hours\":1}");
    HttpResponse<String> unavailable = send("alice", "POST", "/rentals/" + id + "/extend", "{\"hours\":1}");

    assertThat(declined.statusCode()).isEqualTo(402);
    assertThat(body(declined).get("title").asText()).isEqualTo("Payment declined");
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("Retry-After")).contains("10");
    assertThat(send("alice", "POST", "/rentals/" + id + "/extend", "{\"hours\":24}").statusCode()).isEqualTo(400);
    assertThat(send("alice", "POST", "/rentals/" + id + "/extend", "{\"hours\":0}").statusCode()).isEqualTo(400);
    assertThat(send("alice", "POST", "/rentals/" + id + "/extend", "{\"hours\":\"two\"}").statusCode())
        .isEqualTo(400);
    assertThat(send("alice", "POST", "/rentals/" + id + "/extend", "{}").statusCode()).isEqualTo(400);
    assertThat(send("bob", "POST", "/rentals/" + id + "/extend", "{\"hours\":1}").statusCode()).isEqualTo(404);
    assertThat(body(send("alice", "GET", "/rentals/" + id, null)).get("hours").asInt()).isEqualTo(1);
    send("alice", "POST", "/rentals/" + id + "/return", null);
    HttpResponse<String> returning = send("alice", "POST", "/rentals/" + id + "/extend", "{\"hours\":1}");
    assertThat(returning.statusCode()).isEqualTo(409);
    assertThat(body(returning).get("rentalStatus").asText()).isEqualTo("RETURNING");
  }

  private String activeRental(String vehicle, int hours) throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String id = body(apply("alice", "{\"mobilityId\":\"" + vehicle + "\",\"hours\":" + hours + "}")).get("id")
        .asText();
    ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id)
        .singleResult();
    complete(externalTask(pi), withVariables(RentalProcess.Variables.KEY, "8642"));
    return id;
  }

  private HttpResponse<String> apply(String user, String requestBody) throws IOException, InterruptedException {
    return send(user, "POST", "/rentals", requestBody);
  }

  private HttpResponse<String> send(String user, String method, String path, String requestBody)
      throws IOException, InterruptedException {
    return send(user, user, method, path, requestBody);
  }

  private HttpResponse<String> send(String user, String password, String method, String path, String requestBody)
      throws IOException, InterruptedException {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .header("Authorization", "Basic " + credentials)
        .header("Content-Type", "application/json")
        .method(method, requestBody == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(requestBody));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode body(HttpResponse<String> response) throws IOException {
    return json.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
