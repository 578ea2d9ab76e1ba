package com.sharedmobility.rental.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.testsupport.HostileInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.UriUtils;

/**
 * The customer API under hostile input: oversized bodies are refused unread, injection strings in ids, query
 * parameters and fields are a 400 or 404 that shows nothing of the server's internals, and nothing is stored.
 */
class HostileInputTest extends RentalTestBase {

  private static final int LIMIT = 16 * 1024;
  private static final String VALID_REQUEST = "{\"mobilityId\":\"bike-01\",\"hours\":1}";

  @LocalServerPort
  int port;
  @Autowired
  ObjectMapper json;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static Stream<Arguments> hostileStrings() {
    return HostileInput.STRINGS.stream().map(input -> Arguments.of(HostileInput.label(input), input));
  }

  @AfterEach
  void nothingWasStored() {
    assertThat(jdbc.sql("SELECT COUNT(*) FROM rental").query(Long.class).single()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }

  @ParameterizedTest(name = "rental id {0}")
  @MethodSource("hostileStrings")
  void inARentalId(String label, String input) throws Exception {
    String id = UriUtils.encodePathSegment(input, StandardCharsets.UTF_8);

    assertRefused(send("alice", "GET", "/rentals/" + id, (String) null), 400, 404);
    assertRefused(send("alice", "POST", "/rentals/" + id + "/cancel", (String) null), 400, 404);
  }

  @ParameterizedTest(name = "path {0}")
  @ValueSource(strings = {"/rentals/../actuator/env", "/rentals/%2e%2e/actuator/env", "/rentals/%2F..%2Fmypages",
      "/rentals/x%00y", "/rentals/;jsessionid=x", "/rentals//cancel"})
  void traversalInThePath(String path) throws Exception {
    assertRefused(send("alice", "GET", path, (String) null), 400, 404);
  }

  @ParameterizedTest(name = "limit {0}")
  @MethodSource("hostileStrings")
  void inAQueryParameter(String label, String input) throws Exception {
    assertRefused(send("alice", "GET", "/mypages?limit=" + UriUtils.encodeQueryParam(input, StandardCharsets.UTF_8),
        (String) null), 400);
  }

  @ParameterizedTest(name = "{0} as mobilityId and as paymentMethod")
  @MethodSource("hostileStrings")
  void inAJsonField(String label, String input) throws Exception {
    for (String field : new String[] {"mobilityId", "paymentMethod"}) {
      Map<String, Object> request = new LinkedHashMap<>(Map.of("mobilityId", "bike-01", "hours", 1));
      request.put(field, input);

      assertRefused(send("alice", "POST", "/rentals", json.writeValueAsString(request)), 400);
    }
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    HttpResponse<String> response = send("alice", "POST", "/rentals", paddedTo(LIMIT + 1));

    assertRefused(response, 413);
    assertThat(json.readTree(response.body()).path("detail").asText()).contains(Integer.toString(LIMIT));
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() throws Exception {
    assertRefused(send("alice", "POST", "/rentals", chunked(paddedTo(4 * LIMIT))), 413);
  }

  @Test
  void anOversizedBodyIsRefusedBeforeAuthentication() throws Exception {
    assertRefused(send(null, "POST", "/rentals", HttpRequest.BodyPublishers.ofString(paddedTo(LIMIT + 1))), 413);
  }

  /** Operators deploy process models to engine REST: no limit there, so an anonymous large body meets its 401. */
  @Test
  void engineRestTakesLargeBodies() throws Exception {
    HttpResponse<String> response = send(null, "POST", "/engine-rest/deployment/create",
        HttpRequest.BodyPublishers.ofString(paddedTo(4 * LIMIT)));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  /** A small chunked body is read and judged on its content (an unknown vehicle here). */
  @Test
  void aChunkedBodyWithinTheLimitIsHandled() throws Exception {
    String request = "{\"mobilityId\":\"hovercraft-1\",\"hours\":1}";

    assertRefused(send("alice", "POST", "/rentals", chunked(request)), 404);
  }

  /** A valid rental request, padded with white space to exactly {@code size} bytes. */
  private static String paddedTo(int size) {
    return VALID_REQUEST.substring(0, VALID_REQUEST.length() - 1) + " ".repeat(size - VALID_REQUEST.length()) + "}";
  }

  private static BodyPublisher chunked(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
  }

  private void assertRefused(HttpResponse<String> response, Integer... statuses) {
    assertThat(response.statusCode()).as("status, body %s", response.body()).isIn((Object[]) statuses);
    assertThat(HostileInput.internalsIn(response.body())).as("internals in %s", response.body()).isNull();
  }

  private HttpResponse<String> send(String user, String method, String path, String body)
      throws IOException, InterruptedException {
    return send(user, method, path,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> send(String user, String method, String path, BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body);
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
