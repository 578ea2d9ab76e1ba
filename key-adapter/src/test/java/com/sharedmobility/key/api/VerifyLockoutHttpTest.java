package com.sharedmobility.key.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.key.KeyApiClient.Login;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Brute force on the 10 000 codes of a vehicle, on PostgreSQL over HTTP: 5 wrong keys within 15 minutes lock the
 * vehicle's verifications for 30 s (429 + Retry-After), even for the right key; each further lockout before a
 * correct key lasts twice as long; parallel guesses never get more than 5 evaluated.
 */
@ExtendWith(OutputCaptureExtension.class)
class VerifyLockoutHttpTest extends IssuedKeyHttpTest {

  private static final Login VEHICLE = new Login(VEHICLE_USER, VEHICLE_PASSWORD);
  private static final int MAX_FAILURES = 5;

  @Autowired
  private JdbcTemplate jdbc;

  private final ExecutorService pool = Executors.newFixedThreadPool(20);

  @Override
  protected Duration keyValidity() {
    return Duration.ofDays(1);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void fiveWrongKeysLockTheVehicleWith429AndRetryAfter() throws Exception {
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertInvalid(verify(mobilityId, wrongCode(i)));
    }

    assertLocked(verify(mobilityId, wrongCode(5)), 30);
    Map<String, Object> row = lockoutRow(mobilityId);
    assertThat(row.get("failures")).isEqualTo(MAX_FAILURES);
    assertThat(row.get("lockouts")).isEqualTo(1);
    assertThat(((Timestamp) row.get("locked_until")).toInstant()).isEqualTo(now().plusSeconds(30));
  }

  @Test
  void theRightKeyIsRefusedDuringTheLockoutAndOpensAfterIt() throws Exception {
    lockOut(mobilityId);

    assertLocked(verify(mobilityId, code), 30);
    clock.advance(Duration.ofSeconds(29));
    assertLocked(verify(mobilityId, code), 1);
    clock.advance(Duration.ofSeconds(1));

    assertValid(verify(mobilityId, code));
    Map<String, Object> row = lockoutRow(mobilityId);
    assertThat(row.get("failures")).isEqualTo(0);
    assertThat(row.get("lockouts")).isEqualTo(0);
    assertThat(row.get("locked_until")).isNull();
  }

  @Test
  void eachFurtherLockoutLastsTwiceAsLong() throws Exception {
    lockOut(mobilityId);
    assertLocked(verify(mobilityId, code), 30);
    clock.advance(Duration.ofSeconds(30));

    lockOut(mobilityId);
    assertLocked(verify(mobilityId, code), 60);
    clock.advance(Duration.ofSeconds(59));
    assertLocked(verify(mobilityId, code), 1);
    clock.advance(Duration.ofSeconds(1));

    lockOut(mobilityId);
    assertLocked(verify(mobilityId, code), 120);
    assertThat(lockoutRow(mobilityId).get("lockouts")).isEqualTo(3);
  }

  @Test
  void aCorrectKeyResetsTheCountAndTheDoubling() throws Exception {
    lockOut(mobilityId);
    clock.advance(Duration.ofSeconds(30));
    for (int i = 0; i < MAX_FAILURES - 1; i++) {
      assertInvalid(verify(mobilityId, wrongCode(i)));
    }
    assertValid(verify(mobilityId, code));

    // the four wrong keys before the correct one no longer count
    for (int i = 0; i < MAX_FAILURES - 1; i++) {
      assertInvalid(verify(mobilityId, wrongCode(i)));
    }
    assertValid(verify(mobilityId, code));

    // and the next lockout is a first one again, not a second
    lockOut(mobilityId);
    assertLocked(verify(mobilityId, code), 30);
  }

  @Test
  void wrongKeysOutsideTheWindowAreForgotten() throws Exception {
    for (int i = 0; i < MAX_FAILURES - 1; i++) {
      assertInvalid(verify(mobilityId, wrongCode(i)));
    }
    clock.advance(Duration.ofMinutes(15));

    for (int i = 0; i < MAX_FAILURES - 1; i++) {
      assertInvalid(verify(mobilityId, wrongCode(i)));
    }
    assertValid(verify(mobilityId, code));
  }

  @Test
  void otherVehiclesAreUnaffected() throws Exception {
    String otherRental = newRentalId();
    String otherVehicle = newMobilityId();
    String otherCode = keys.issue(otherRental, otherVehicle, Duration.ofDays(1));

    lockOut(mobilityId);

    assertLocked(verify(mobilityId, code), 30);
    assertValid(verify(otherVehicle, otherCode));
    assertInvalid(verify(otherVehicle, "%04d".formatted((Integer.parseInt(otherCode) + 1) % 10_000)));
    assertValid(verify(otherVehicle, otherCode));
  }

  @Test
  void malformedKeysAreRefusedWithoutCounting() throws Exception {
    for (int i = 0; i < 2 * MAX_FAILURES; i++) {
      assertThat(api.postJson("/keys/verify", "{\"mobilityId\": \"" + mobilityId + "\", \"key\": \"12a4\"}", VEHICLE)
          .statusCode()).isEqualTo(400);
    }

    assertValid(verify(mobilityId, code));
  }

  @Test
  void parallelWrongKeysGetNoMoreThanTheAllowedNumberEvaluated() throws Exception {
    // a vehicle never verified before: the parallel requests also race to create its row
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> futures = IntStream.range(0, 20)
        .mapToObj(i -> pool.submit(() -> {
          start.await();
          return verify(mobilityId, wrongCode(i));
        }))
        .toList();
    start.countDown();
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (Future<HttpResponse<String>> future : futures) {
      responses.add(future.get(60, TimeUnit.SECONDS));
    }

    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200, 429);
    List<HttpResponse<String>> evaluated = responses.stream().filter(r -> r.statusCode() == 200).toList();
    assertThat(evaluated).as("wrong keys evaluated").hasSize(MAX_FAILURES);
    for (HttpResponse<String> response : evaluated) {
      assertInvalid(response);
    }
    for (HttpResponse<String> response : responses) {
      if (response.statusCode() == 429) {
        assertLocked(response, 30);
      }
    }
    assertThat(lockoutRow(mobilityId)).containsEntry("failures", MAX_FAILURES).containsEntry("lockouts", 1);
    assertLocked(verify(mobilityId, code), 30);
  }

  @Test
  void logsWrongKeysAndLockoutsWithVehicleAndCallerButNeverAKey(CapturedOutput output) throws Exception {
    lockOut(mobilityId);
    assertLocked(verify(mobilityId, code), 30);
    clock.advance(Duration.ofSeconds(30));
    assertValid(verify(mobilityId, code));

    List<String> lines = output.getAll().lines().filter(line -> line.contains(mobilityId)).toList();
    List<String> wrong = lines.stream().filter(line -> line.contains("wrong key for vehicle " + mobilityId)).toList();
    List<String> lockouts = lines.stream().filter(line -> line.contains("vehicle " + mobilityId + " locked out"))
        .toList();
    assertThat(wrong).hasSize(MAX_FAILURES).allSatisfy(line -> assertThat(line)
        .contains("WARN").contains("by " + VEHICLE_USER + " from 127.0.0.1"));
    assertThat(lockouts).hasSize(1).allSatisfy(line -> assertThat(line)
        .contains("WARN").contains("PT30S").contains(VEHICLE_USER));
    for (String line : lines) {
      String message = line.substring(line.indexOf(" : ") + 3).replace(mobilityId, "<vehicle>");
      assertThat(message).doesNotContain(code);
      for (int i = 0; i < MAX_FAILURES; i++) {
        assertThat(message).doesNotContain(wrongCode(i));
      }
    }
    assertThat(new VerifyKeyRequest(mobilityId, code).toString()).doesNotContain(code);
  }

  /** Five wrong keys, each answered as invalid. */
  private void lockOut(String mobility) throws Exception {
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertInvalid(verify(mobility, wrongCode(i)));
    }
  }

  private HttpResponse<String> verify(String mobility, String key) {
    return api.postJson("/keys/verify", "{\"mobilityId\": \"" + mobility + "\", \"key\": \"" + key + "\"}", VEHICLE);
  }

  private String wrongCode(int i) {
    return "%04d".formatted((Integer.parseInt(code) + 1 + i) % 10_000);
  }

  private void assertValid(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("valid").asBoolean()).isTrue();
    assertThat(body.get("rentalId").asText()).isNotBlank();
  }

  private void assertInvalid(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json.readTree(response.body()).get("valid").asBoolean()).isFalse();
  }

  private void assertLocked(HttpResponse<String> response, long retryAfterSeconds) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue(Long.toString(retryAfterSeconds));
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(429);
    assertThat(problem.get("detail").asText()).contains("too many wrong keys").contains(retryAfterSeconds + " s");
    assertThat(problem.has("valid")).isFalse();
    assertThat(problem.has("rentalId")).isFalse();
  }

  private Map<String, Object> lockoutRow(String mobility) {
    return jdbc.queryForMap("select failures, lockouts, locked_until from vehicle_lockout where mobility_id = ?",
        mobility);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
