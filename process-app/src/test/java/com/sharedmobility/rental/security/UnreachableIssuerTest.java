package com.sharedmobility.rental.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.rental.ProductionProfileTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The production profile with an issuer of customer tokens that cannot be reached (nothing listens on its port): a
 * customer's call is answered 503 with Retry-After, never 500, and health shows which part is down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:unreachable-issuer;DB_CLOSE_DELAY=-1",
    "rental.security.issuer-uri=http://127.0.0.1:9/realms/shared-mobility"})
@TestPropertySource(locations = ProductionProfileTestBase.ACCOUNTS)
@ActiveProfiles("production")
class UnreachableIssuerTest {

  @LocalServerPort
  int port;
  @Autowired
  HealthEndpoint health;

  @Test
  void aTokenThatCannotBeCheckedIsAnswered503WithRetryAfter() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/rentals"))
            .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYXJvbCJ9.c2lnbmF0dXJl")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"mobilityId\":\"bike-01\",\"hours\":1}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("sign-in service cannot be reached").doesNotContain("Exception");
  }

  @Test
  void theCustomerAppSaysThatSigningInIsNotPossibleNow() throws Exception {
    HttpResponse<String> login = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/app/login")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(login.statusCode()).isEqualTo(503);
    assertThat(login.body()).contains("Signing in is not possible right now because our sign-in service cannot be"
        + " reached.").doesNotContain("Exception", "/oauth2/authorization/");
  }

  /** Straight to the start of a sign-in (a bookmark, the button of a page shown earlier): the same sentence. */
  @Test
  void startingASignInSaysItIsNotPossibleNowWith503() throws Exception {
    HttpResponse<String> start = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/authorization/customer-app")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(start.statusCode()).isEqualTo(503);
    assertThat(start.headers().firstValue("Retry-After")).hasValue("10");
    assertThat(start.body()).contains("Signing in is not possible right now").doesNotContain("Exception");
  }

  @Test
  void healthShowsTheIssuerDown() throws Exception {
    assertThat(health.healthForPath("customerTokenIssuer").getStatus()).isEqualTo(Status.DOWN);
    HttpResponse<String> overall = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(overall.statusCode()).isEqualTo(503);
    assertThat(overall.body()).contains("\"status\":\"DOWN\"");
    // not out of service: the key pipeline and the operators' tools keep working, and no pod could do better
    HttpResponse<String> readiness = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(readiness.statusCode()).isEqualTo(200);
  }
}
