package com.sharedmobility.key.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.key.KeyApiClient.Login;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The key API over a real port: answers, problem details, and who may call what. */
class KeyApiHttpTest extends IssuedKeyHttpTest {

  private static final Login VEHICLE = new Login(VEHICLE_USER, VEHICLE_PASSWORD);
  private static final Login OPERATOR = new Login(OPERATOR_USER, OPERATOR_PASSWORD);
  private static final Login PROCESS = new Login(PROCESS_USER, PROCESS_PASSWORD);
  private static final String PROBLEM_JSON = "application/problem+json";

  @Override
  protected Duration keyValidity() {
    return Duration.ofHours(2);
  }

  @Nested
  class Verify {

    @Test
    void aLiveKeyIsValidAndNamesItsRental() throws Exception {
      HttpResponse<String> response = verify(mobilityId, code);

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json.readTree(response.body());
      assertThat(body.get("valid").asBoolean()).isTrue();
      assertThat(body.get("rentalId").asText()).isEqualTo(rentalId);
    }

    @Test
    void aWrongCodeOrVehicleIsInvalidWithoutARental() throws Exception {
      String wrongCode = "%04d".formatted((Integer.parseInt(code) + 1) % 10_000);

      for (HttpResponse<String> response : new HttpResponse[] {verify(mobilityId, wrongCode),
          verify(newMobilityId(), code)}) {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("valid").asBoolean()).isFalse();
        assertThat(body.has("rentalId")).isFalse();
      }
    }

    @Test
    void aRevokedKeyIsInvalid() throws Exception {
      keys.revoke(rentalId);

      assertThat(json.readTree(verify(mobilityId, code).body()).get("valid").asBoolean()).isFalse();
    }

    @Test
    void anExpiredKeyIsInvalid() throws Exception {
      clock.advance(Duration.ofHours(2));

      assertThat(json.readTree(verify(mobilityId, code).body()).get("valid").asBoolean()).isFalse();
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
      HttpResponse<String> response = api.postJson("/keys/verify", "{\"mobilityId\": \"x\", \"key\": ", VEHICLE);

      assertProblem(response, 400, "not valid JSON");
    }

    @Test
    void aMissingBodyIsABadRequest() throws Exception {
      assertProblem(api.postJson("/keys/verify", "", VEHICLE), 400, "missing");
    }

    @Test
    void aFieldOfTheWrongTypeIsABadRequest() throws Exception {
      String body = "{\"mobilityId\": \"" + mobilityId + "\", \"key\": {\"code\": \"1234\"}}";

      assertProblem(api.postJson("/keys/verify", body, VEHICLE), 400, "key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "12345", "12a4", "", "١٢٣٤"})
    void aKeyThatIsNotFourDigitsIsABadRequest(String key) throws Exception {
      HttpResponse<String> response = verify(mobilityId, key);

      assertProblem(response, 400, "key must be exactly four digits");
      assertThat(response.body()).doesNotContain("\"" + key + "\"");
    }

    @Test
    void missingFieldsAreABadRequestNamingThem() throws Exception {
      HttpResponse<String> response = api.postJson("/keys/verify", "{}", VEHICLE);

      JsonNode problem = assertProblem(response, 400, "key");
      assertThat(problem.get("detail").asText()).contains("mobilityId");
    }

    @Test
    void aBlankVehicleIsABadRequest() throws Exception {
      assertProblem(verify("  ", code), 400, "mobilityId");
    }

    private HttpResponse<String> verify(String mobility, String key) {
      return api.postJson("/keys/verify",
          "{\"mobilityId\": \"" + mobility + "\", \"key\": \"" + key + "\"}", VEHICLE);
    }
  }

  @Nested
  class Read {

    @Test
    void showsTheKeyWithoutItsCode() throws Exception {
      HttpResponse<String> response = api.get("/keys/" + rentalId, OPERATOR);

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json.readTree(response.body());
      assertThat(body.fieldNames()).toIterable()
          .containsExactlyInAnyOrder("rentalId", "mobilityId", "status", "issuedAt", "validUntil", "revokedAt",
              "firstUnlockedAt");
      assertThat(body.get("rentalId").asText()).isEqualTo(rentalId);
      assertThat(body.get("mobilityId").asText()).isEqualTo(mobilityId);
      assertThat(body.get("status").asText()).isEqualTo("ISSUED");
      assertThat(Duration.between(Instant.parse(body.get("issuedAt").asText()),
          Instant.parse(body.get("validUntil").asText()))).isEqualTo(Duration.ofHours(2));
      assertThat(body.get("revokedAt").isNull()).isTrue();
    }

    @Test
    void showsRevokedAndExpiredKeys() throws Exception {
      keys.revoke(rentalId);
      JsonNode revoked = json.readTree(api.get("/keys/" + rentalId, OPERATOR).body());
      assertThat(revoked.get("status").asText()).isEqualTo("REVOKED");
      assertThat(revoked.get("revokedAt").isNull()).isFalse();

      String expiring = newRentalId();
      keys.issue(expiring, newMobilityId(), Duration.ofSeconds(4));
      clock.advance(Duration.ofSeconds(4));
      assertThat(json.readTree(api.get("/keys/" + expiring, OPERATOR).body()).get("status").asText())
          .isEqualTo("EXPIRED");
    }

    /** What an operator sees of a rental cancelled before its key: revoked, no vehicle, never issued. */
    @Test
    void showsARentalRevokedBeforeItHadAKeyAsRevokedWithoutIssue() throws Exception {
      String cancelledEarly = newRentalId();
      keys.revoke(cancelledEarly);

      JsonNode body = json.readTree(api.get("/keys/" + cancelledEarly, OPERATOR).body());

      assertThat(body.get("status").asText()).isEqualTo("REVOKED");
      assertThat(body.get("revokedAt").isNull()).isFalse();
      assertThat(body.get("mobilityId").isNull()).isTrue();
      assertThat(body.get("issuedAt").isNull()).isTrue();
      assertThat(body.get("validUntil").isNull()).isTrue();
    }

    @Test
    void anUnknownRentalIsNotFound() throws Exception {
      String unknown = newRentalId();

      assertProblem(api.get("/keys/" + unknown, OPERATOR), 404, unknown);
    }
  }

  /** What a cancel asks: the key withdrawn unless it opened the vehicle. */
  @Nested
  class Withdrawal {

    @Test
    void aKeyThatNeverOpenedTheVehicleIsWithdrawnAndStopsWorking() throws Exception {
      HttpResponse<String> response = api.postJson("/keys/" + rentalId + "/withdrawal", "", PROCESS);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json.readTree(response.body()).get("withdrawn").asBoolean()).isTrue();
      assertThat(json.readTree(verify().body()).get("valid").asBoolean()).isFalse();
      assertThat(api.postJson("/keys/" + rentalId + "/withdrawal", "", PROCESS).statusCode()).as("repeated")
          .isEqualTo(200);
    }

    @Test
    void aKeyThatOpenedTheVehicleIsKeptAnd409SaysWhen() throws Exception {
      assertThat(json.readTree(verify().body()).get("valid").asBoolean()).isTrue();

      JsonNode problem = assertProblem(api.postJson("/keys/" + rentalId + "/withdrawal", "", PROCESS), 409,
          "can only be returned");

      assertThat(Instant.parse(problem.get("firstUnlockedAt").asText())).isNotNull();
      assertThat(json.readTree(verify().body()).get("valid").asBoolean()).isTrue();
      assertThat(json.readTree(api.get("/keys/" + rentalId, OPERATOR).body()).get("firstUnlockedAt").asText())
          .isEqualTo(problem.get("firstUnlockedAt").asText());
    }

    @Test
    void onlyTheRentalProcessMayWithdrawAndOnlyARentalId() throws Exception {
      assertProblem(api.postJson("/keys/" + rentalId + "/withdrawal", "", OPERATOR), 403, "/withdrawal");
      assertProblem(api.postJson("/keys/" + rentalId + "/withdrawal", "", VEHICLE), 403, "/withdrawal");
      assertProblem(api.postJson("/keys/not-a-rental/withdrawal", "", PROCESS), 400, "rental id");
      assertThat(json.readTree(verify().body()).get("valid").asBoolean()).isTrue();
    }

    private HttpResponse<String> verify() {
      return api.postJson("/keys/verify", "{\"mobilityId\": \"" + mobilityId + "\", \"key\": \"" + code + "\"}",
          VEHICLE);
    }
  }

  @Nested
  class Access {

    @Test
    void anonymousCallersMustAuthenticate() throws Exception {
      for (HttpResponse<String> response : new HttpResponse[] {
          api.postJson("/keys/verify", "{\"mobilityId\": \"x\", \"key\": \"1234\"}", null),
          api.get("/keys/" + rentalId, null),
          api.get("/actuator/metrics", null),
          api.get("/anything", null)}) {
        assertProblem(response, 401, "credentials");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
            value -> assertThat(value).startsWith("Basic"));
      }
    }

    @Test
    void aWrongPasswordIsRejected() throws Exception {
      HttpResponse<String> response = api.postJson("/keys/verify",
          "{\"mobilityId\": \"" + mobilityId + "\", \"key\": \"" + code + "\"}", new Login(VEHICLE_USER, "guess"));

      assertProblem(response, 401, "credentials");
    }

    @Test
    void anOperatorCannotVerifyAndAVehicleCannotReadKeys() throws Exception {
      assertProblem(api.postJson("/keys/verify",
          "{\"mobilityId\": \"" + mobilityId + "\", \"key\": \"" + code + "\"}", OPERATOR), 403, "/keys/verify");
      assertProblem(api.get("/keys/" + rentalId, VEHICLE), 403, "/keys/");
    }

    @Test
    void everythingElseIsDeniedEvenToKnownAccounts() throws Exception {
      assertProblem(api.get("/anything", OPERATOR), 403, "/anything");
      assertProblem(api.get("/actuator/metrics", VEHICLE), 403, "/actuator/metrics");
      assertProblem(api.getText("/actuator/prometheus", VEHICLE), 403, "/actuator/prometheus");
    }

    @Test
    void probesAndInfoAreOpenAndMetricsAreForOperators() throws Exception {
      for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness",
          "/actuator/health/readiness"}) {
        HttpResponse<String> response = api.get(probe, null);
        assertThat(response.statusCode()).as(probe).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("status").asText()).as(probe).isEqualTo("UP");
      }
      assertThat(api.get("/actuator/info", null).statusCode()).isEqualTo(200);
      assertThat(api.get("/actuator/metrics", OPERATOR).statusCode()).isEqualTo(200);
      HttpResponse<String> scrape = api.getText("/actuator/prometheus", OPERATOR);
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("http_server_requests_seconds", "jvm_memory_used_bytes");
    }
  }

  private JsonNode assertProblem(HttpResponse<String> response, int status, String detailPart) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith(PROBLEM_JSON));
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).contains(detailPart);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("trace");
    return problem;
  }
}
