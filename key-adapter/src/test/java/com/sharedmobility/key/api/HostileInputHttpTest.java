package com.sharedmobility.key.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.key.KeyApiClient;
import com.sharedmobility.key.KeyApiClient.Login;
import com.sharedmobility.key.PostgresBackedTest;
import com.sharedmobility.testsupport.HostileInput;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriUtils;

/**
 * The key API under hostile input: oversized bodies are refused unread, injection strings in ids and fields are a
 * 400 or 404 that shows nothing of the server's internals, and no wrong-key count is stored for them.
 */
class HostileInputHttpTest extends PostgresBackedTest {

  private static final int LIMIT = 16 * 1024;
  private static final Login VEHICLE = new Login(VEHICLE_USER, VEHICLE_PASSWORD);
  private static final Login OPERATOR = new Login(OPERATOR_USER, OPERATOR_PASSWORD);

  @LocalServerPort
  int port;
  @Autowired
  ObjectMapper json;
  @Autowired
  JdbcTemplate jdbc;

  private KeyApiClient api;

  @BeforeEach
  void client() {
    api = new KeyApiClient(port);
  }

  static Stream<Arguments> hostileStrings() {
    return HostileInput.STRINGS.stream().map(input -> Arguments.of(HostileInput.label(input), input));
  }

  @ParameterizedTest(name = "rental id {0}")
  @MethodSource("hostileStrings")
  void inARentalId(String label, String input) {
    assertRefused(api.get("/keys/" + UriUtils.encodePathSegment(input, StandardCharsets.UTF_8), OPERATOR), 400, 404);
  }

  @ParameterizedTest(name = "mobility id {0}")
  @MethodSource("hostileStrings")
  void inTheVehicleId(String label, String input) throws Exception {
    // counted over all vehicles: PostgreSQL takes no NUL in a query parameter
    int vehiclesWithWrongKeys = jdbc.queryForObject("select count(*) from vehicle_lockout", Integer.class);

    HttpResponse<String> response = api.postJson("/keys/verify",
        json.writeValueAsString(Map.of("mobilityId", input, "key", "1234")), VEHICLE);

    assertRefused(response, 400);
    assertThat(jdbc.queryForObject("select count(*) from vehicle_lockout", Integer.class))
        .isEqualTo(vehiclesWithWrongKeys);
  }

  @ParameterizedTest(name = "key {0}")
  @MethodSource("hostileStrings")
  void inTheKey(String label, String input) throws Exception {
    String vehicle = newMobilityId();

    assertRefused(api.postJson("/keys/verify", json.writeValueAsString(Map.of("mobilityId", vehicle, "key", input)),
        VEHICLE), 400);
    assertThat(jdbc.queryForObject("select count(*) from vehicle_lockout where mobility_id = ?", Integer.class,
        vehicle)).isZero();
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    HttpResponse<String> response = api.postJson("/keys/verify", paddedTo(LIMIT + 1), VEHICLE);

    assertRefused(response, 413);
    assertThat(json.readTree(response.body()).path("detail").asText()).contains(Integer.toString(LIMIT));
  }

  @Test
  void anOversizedBodyIsRefusedBeforeAuthentication() {
    assertRefused(api.postJson("/keys/verify", paddedTo(LIMIT + 1), null), 413);
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() throws Exception {
    assertRefused(verifyChunked(paddedTo(4 * LIMIT)), 413);
  }

  @Test
  void aChunkedBodyWithinTheLimitIsVerified() throws Exception {
    HttpResponse<String> response = verifyChunked(paddedTo(LIMIT));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).path("valid").asBoolean()).isFalse();
  }

  /** A verification of an unknown vehicle's key, padded with white space to exactly {@code size} bytes. */
  private static String paddedTo(int size) {
    String body = "{\"mobilityId\":\"bike-padded\",\"key\":\"1234\"}";
    return body.substring(0, body.length() - 1) + " ".repeat(size - body.length()) + "}";
  }

  /** A body of unknown length, sent in chunks without Content-Length. */
  private HttpResponse<String> verifyChunked(String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/keys/verify"))
        .header("Content-Type", "application/json")
        .header("Authorization", VEHICLE.header())
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
        .build();
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(HttpResponse<String> response, Integer... statuses) {
    assertThat(response.statusCode()).as("status, body %s", response.body()).isIn((Object[]) statuses);
    assertThat(HostileInput.internalsIn(response.body())).as("internals in %s", response.body()).isNull();
  }
}
