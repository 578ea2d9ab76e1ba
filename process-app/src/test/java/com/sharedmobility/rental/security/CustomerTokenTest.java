package com.sharedmobility.rental.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sharedmobility.rental.ProductionProfileTestBase;
import com.sharedmobility.rental.payment.PaymentClient.PaymentReceipt;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Outside the local profile customers are bearer tokens of the configured issuer: the subject is the customer. */
class CustomerTokenTest extends ProductionProfileTestBase {

  private static final KeyPair FORGER_KEY = rsaKeyPair();

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  @Test
  void theTokensSubjectIsTheCustomer() throws Exception {
    when(payments.charge(any(), any()))
        .thenReturn(new PaymentReceipt("any", "CHARGED", new BigDecimal("12.00"), BigDecimal.ZERO, "EUR",
            Instant.now()));
    String carol = token(PROVIDER_KEY, "carol", ISSUER, "rentals", Instant.now().plusSeconds(300));

    HttpResponse<String> applied = send(carol, "POST", "/rentals", "{\"mobilityId\":\"car-07\",\"hours\":1}");

    assertThat(applied.statusCode()).isEqualTo(201);
    assertThat(applied.body()).contains("\"customer\":\"carol\"");
    String id = applied.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    String dave = token(PROVIDER_KEY, "dave", ISSUER, "rentals", Instant.now().plusSeconds(300));
    assertThat(send(dave, "GET", "/rentals/" + id, null).statusCode()).isEqualTo(404);
    assertThat(send(dave, "GET", "/mypages", null).body()).isEqualTo("[]");
    assertThat(send(carol, "GET", "/rentals/" + id, null).statusCode()).isEqualTo(200);
    jdbc.sql("DELETE FROM rental_extension").update();
    jdbc.sql("DELETE FROM rental").update();
  }

  @Test
  void forgedTamperedExpiredOrForeignTokensAreRefused() throws Exception {
    Instant later = Instant.now().plusSeconds(300);
    String valid = token(PROVIDER_KEY, "carol", ISSUER, "rentals", later);
    String[] parts = valid.split("\\.");
    String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

    assertThat(send(null, "GET", "/mypages", null).statusCode()).isEqualTo(401);
    assertThat(send(token(FORGER_KEY, "carol", ISSUER, "rentals", later), "GET", "/mypages", null).statusCode())
        .isEqualTo(401);
    assertThat(send(tampered, "GET", "/mypages", null).statusCode()).isEqualTo(401);
    assertThat(send(token(PROVIDER_KEY, "carol", ISSUER, "rentals", Instant.now().minus(Duration.ofMinutes(5))),
        "GET", "/mypages", null).statusCode()).isEqualTo(401);
    assertThat(send(token(PROVIDER_KEY, "carol", "https://evil.example.test", "rentals", later),
        "GET", "/mypages", null).statusCode()).isEqualTo(401);
    assertThat(send("not-a-jwt", "GET", "/mypages", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenWithoutTheRentalsScopeMayNotRent() throws Exception {
    String profileOnly = token(PROVIDER_KEY, "carol", ISSUER, "profile", Instant.now().plusSeconds(300));

    assertThat(send(profileOnly, "GET", "/mypages", null).statusCode()).isEqualTo(403);
    assertThat(send(profileOnly, "GET", "/mobilities", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theLocalUsersDoNotExistHere() throws Exception {
    assertThat(basic("/mypages", "alice", "alice").statusCode()).isEqualTo(401);
  }

  @Test
  void onlyTheOperatorAccountReadsTheMetrics() throws Exception {
    String carol = token(PROVIDER_KEY, "carol", ISSUER, "rentals", Instant.now().plusSeconds(300));

    assertThat(basic("/actuator/metrics", "monitor", SECRET).statusCode()).isEqualTo(200);
    assertThat(basic("/actuator/metrics", "monitor", "guess").statusCode()).isEqualTo(401);
    assertThat(basic("/actuator/metrics", "admin", "admin").statusCode()).isEqualTo(401);
    assertThat(send(carol, "GET", "/actuator/metrics", null).statusCode()).isEqualTo(401);
    assertThat(basic("/mypages", "monitor", SECRET).statusCode()).isEqualTo(403);
  }

  @Test
  void theApiDocumentationTellsClientsToSendABearerToken() throws Exception {
    HttpResponse<String> docs = send(null, "GET", "/v3/api-docs", null);

    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("\"bearer\":{\"type\":\"http\"", "\"bearerFormat\":\"JWT\"",
        "scope 'rentals'").doesNotContain("\"basic\"", "alice");
  }

  private HttpResponse<String> basic(String path, String user, String password) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String bearer, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token(KeyPair key, String subject, String issuer, String scope, Instant expires)
      throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer(issuer)
        .claim("scope", scope)
        .issueTime(Date.from(expires.minus(Duration.ofMinutes(10))))
        .expirationTime(Date.from(expires))
        .build());
    jwt.sign(new RSASSASigner(key.getPrivate()));
    return jwt.serialize();
  }
}
