package com.sharedmobility.rental.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.process.RentalProcess;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplyForRental;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Idempotency-Key on the customer API over real HTTP: a retry is safe, whatever the client's timing. */
class IdempotencyKeyTest extends RentalTestBase {

  private static final String BIKE = "{\"mobilityId\":\"bike-05\",\"hours\":1}";

  @LocalServerPort
  int port;
  @Autowired
  ObjectMapper json;
  @Autowired
  IdempotentRequests requests;
  @Autowired
  ApplyForRental applyForRental;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRepeatGetsTheFirstAnswerAgainAndStartsNothing() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String key = "\"" + UUID.randomUUID() + "\"";

    HttpResponse<String> first = post("alice", "/rentals", key, BIKE);
    HttpResponse<String> repeat = post("alice", "/rentals", key, BIKE);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(repeat.statusCode()).isEqualTo(201);
    assertThat(repeat.body()).isEqualTo(first.body());
    assertThat(repeat.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location")).isPresent();
    assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(rentalInstances()).isEqualTo(1);
    verify(payments, times(1)).charge(any(), any());
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndStartsNothing() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String key = UUID.randomUUID().toString();
    post("alice", "/rentals", key, BIKE);

    HttpResponse<String> other = post("alice", "/rentals", key, "{\"mobilityId\":\"bike-06\",\"hours\":1}");

    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json.readTree(other.body()).path("detail").asText()).contains("another request");
    assertThat(rentalInstances()).isEqualTo(1);
  }

  @Test
  void tenConcurrentRepeatsRentOnceAndTheOthersAreToldItIsInFlight() throws Exception {
    when(payments.charge(any(), any())).thenAnswer(call -> {
      Thread.sleep(300);
      return CHARGED;
    });
    String key = UUID.randomUUID().toString();
    List<Callable<HttpResponse<String>>> repeats = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      repeats.add(() -> post("alice", "/rentals", key, BIKE));
    }
    List<HttpResponse<String>> answers = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(10);
    try {
      for (Future<HttpResponse<String>> answer : clients.invokeAll(repeats)) {
        answers.add(answer.get());
      }
    } finally {
      clients.shutdown();
    }

    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201, 409).containsOnlyOnce(201);
    assertThat(answers).filteredOn(a -> a.statusCode() == 409)
        .allSatisfy(a -> assertThat(a.headers().firstValue("Retry-After")).hasValue("1"));
    assertThat(rentalInstances()).isEqualTo(1);
    assertThat(post("alice", "/rentals", key, BIKE).statusCode()).isEqualTo(201);
    verify(payments, times(1)).charge(any(), any());
  }

  @Test
  void keysAreEachCustomersOwn() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String key = UUID.randomUUID().toString();

    assertThat(post("alice", "/rentals", key, BIKE).statusCode()).isEqualTo(201);
    assertThat(post("bob", "/rentals", key, "{\"mobilityId\":\"bike-06\",\"hours\":1}").statusCode()).isEqualTo(201);

    assertThat(rentalInstances()).isEqualTo(2);
  }

  @Test
  void aRefusalThatStartedNothingIsNotKeptSoTheRepeatDoesTheWork() throws Exception {
    when(payments.charge(any(), any()))
        .thenThrow(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("payment-charges")))
        .thenReturn(CHARGED);
    String key = UUID.randomUUID().toString();

    HttpResponse<String> refused = post("alice", "/rentals", key, BIKE);
    HttpResponse<String> repeat = post("alice", "/rentals", key, BIKE);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(repeat.statusCode()).isEqualTo(201);
    assertThat(repeat.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(rentalInstances()).isEqualTo(1);
  }

  /** The attempt that started the rental died before it stored its answer: its lease runs out, the repeat takes over. */
  @Test
  void aRepeatAfterTheFirstAttemptDiedAnswersWithTheRentalItStarted() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String key = UUID.randomUUID().toString();
    String fingerprint = Fingerprint.of("POST /rentals\n".getBytes(StandardCharsets.UTF_8),
        BIKE.getBytes(StandardCharsets.UTF_8));
    IdempotentRequest died = ((Claim.Work) requests.claim("alice", key, fingerprint)).request();
    RentalView started = applyForRental.apply("alice", "bike-05", 1, null, died);
    leaseRunsOut(key);

    HttpResponse<String> repeat = post("alice", "/rentals", key, BIKE);

    assertThat(repeat.statusCode()).isEqualTo(201);
    assertThat(json.readTree(repeat.body()).path("id").asText()).isEqualTo(started.id());
    assertThat(repeat.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(started.id()));
    assertThat(rentalInstances()).isEqualTo(1);
    assertThat(post("alice", "/rentals", key, BIKE).body()).isEqualTo(repeat.body());
  }

  @Test
  void anAttemptThatWasTakenOverStartsNothing() {
    String key = UUID.randomUUID().toString();
    IdempotentRequest slow = ((Claim.Work) requests.claim("alice", key, "f".repeat(64))).request();
    leaseRunsOut(key);
    assertThat(requests.claim("alice", key, "f".repeat(64))).isInstanceOf(Claim.Work.class);

    assertThatThrownBy(() -> applyForRental.apply("alice", "bike-05", 1, null, slow))
        .hasMessageContaining("took it over");
    assertThat(rentalInstances()).isZero();
  }

  @Test
  void aCancelRepeatedWithItsKeyGetsTheFirstAnswer() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String id = json.readTree(post("alice", "/rentals", null, BIKE).body()).path("id").asText();
    String key = UUID.randomUUID().toString();

    HttpResponse<String> first = post("alice", "/rentals/" + id + "/cancel", key, null);
    HttpResponse<String> repeat = post("alice", "/rentals/" + id + "/cancel", key, null);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(repeat.statusCode()).isEqualTo(202);
    assertThat(repeat.body()).isEqualTo(first.body());
    assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
  }

  @Test
  void aMalformedKeyIs400AndStartsNothing() throws Exception {
    HttpResponse<String> response = post("alice", "/rentals", "x".repeat(256), BIKE);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("title").asText()).isEqualTo("Invalid Idempotency-Key");
    assertThat(rentalInstances()).isZero();
  }

  @Test
  void keysExpireAfterADayAndAreRemoved() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String key = UUID.randomUUID().toString();
    post("alice", "/rentals", key, BIKE);
    jdbc.sql("UPDATE idempotent_request SET expires_at = :past WHERE request_key = :key")
        .param("past", Timestamp.from(Instant.now().minusSeconds(1))).param("key", key).update();

    assertThat(requests.removeExpired()).isEqualTo(1);

    assertThat(jdbc.sql("SELECT COUNT(*) FROM idempotent_request WHERE request_key = :key").param("key", key)
        .query(Long.class).single()).isZero();
  }

  private void leaseRunsOut(String key) {
    jdbc.sql("UPDATE idempotent_request SET locked_until = :past WHERE request_key = :key")
        .param("past", Timestamp.from(Instant.now().minusSeconds(1))).param("key", key).update();
  }

  private long rentalInstances() {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(RentalProcess.PROCESS_KEY)
        .count();
  }

  private HttpResponse<String> post(String user, String path, String key, String body) throws Exception {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + credentials)
        .header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aReleaseLeftForLaterFreesTheKeyForARepeat() {
    String fingerprint = Fingerprint.of("POST /rentals\n".getBytes(StandardCharsets.UTF_8),
        BIKE.getBytes(StandardCharsets.UTF_8));
    IdempotentRequest first = ((Claim.Work) requests.claim("alice", "later-" + UUID.randomUUID(), fingerprint))
        .request();
    assertThat(requests.claim("alice", first.key(), fingerprint)).isInstanceOf(Claim.InFlight.class);

    requests.releaseWhenBack(first);
    requests.releaseWhatIsDue();

    assertThat(requests.claim("alice", first.key(), fingerprint)).isInstanceOf(Claim.Work.class);
  }
}
