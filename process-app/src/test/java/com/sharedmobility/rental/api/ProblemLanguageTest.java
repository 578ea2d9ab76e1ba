package com.sharedmobility.rental.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.rental.RentalTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The API's problems speak the request's language: Korean when asked for, English otherwise. */
class ProblemLanguageTest extends RentalTestBase {

  private static final String KOREAN = "ko-KR,ko;q=0.9,en;q=0.8";

  @LocalServerPort
  int port;
  @Autowired
  ObjectMapper json;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aKoreanRequestGetsItsProblemInKorean() throws Exception {
    HttpResponse<String> response = send("GET", "/rentals/" + UUID.randomUUID(), null, KOREAN, null);

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("title").asText()).isEqualTo("대여를 찾을 수 없음");
    assertThat(problem.get("detail").asText()).isEqualTo("이 ID의 대여가 없습니다.");
  }

  @Test
  void withoutAskingOrInALanguageItDoesNotSpeakTheProblemIsEnglishWithItsSpecifics() throws Exception {
    String rentalId = UUID.randomUUID().toString();
    for (String language : new String[] {null, "en-US", "fr-FR,fr;q=0.9", "de;q=0.9,en;q=0.5,ko;q=0.1"}) {
      JsonNode problem = json.readTree(send("GET", "/rentals/" + rentalId, null, language, null).body());

      assertThat(problem.get("title").asText()).as(language).isEqualTo("Rental not found");
      assertThat(problem.get("detail").asText()).as(language).contains(rentalId);
    }
  }

  @Test
  void aKoreanValidationProblemKeepsTheFieldItNames() throws Exception {
    HttpResponse<String> response = send("POST", "/rentals", "{\"mobilityId\":\"bike-01\",\"hours\":0}", KOREAN,
        null);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("title").asText()).isEqualTo("잘못된 요청");
    assertThat(problem.get("detail").asText()).startsWith("요청 값이 올바르지 않습니다: ").contains("hours");
  }

  @Test
  void theIdempotencyKeysProblemsSpeakKoreanToo() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String key = UUID.randomUUID().toString();
    send("POST", "/rentals", "{\"mobilityId\":\"bike-07\",\"hours\":1}", KOREAN, key);

    HttpResponse<String> reused = send("POST", "/rentals", "{\"mobilityId\":\"bike-08\",\"hours\":1}", KOREAN, key);

    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(json.readTree(reused.body()).get("title").asText()).isEqualTo("다시 쓰인 Idempotency-Key");
  }

  @Test
  void aKoreanClientWithWrongCredentialsIsToldInKorean() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mypages"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            "alice:wrong".getBytes(StandardCharsets.UTF_8)))
        .header("Accept-Language", KOREAN).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json.readTree(response.body()).get("title").asText()).isEqualTo("인증 필요");
  }

  private HttpResponse<String> send(String method, String path, String body, String language, String key)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            "alice:alice".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (language != null) {
      request.header("Accept-Language", language);
    }
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
