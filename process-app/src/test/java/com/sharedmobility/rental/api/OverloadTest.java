package com.sharedmobility.rental.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.sharedmobility.rental.RentalTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * When every database connection stays busy longer than the pool's timeout, the customer API answers 503 with
 * Retry-After (a client may try again) instead of a 500, and changes nothing.
 */
@TestPropertySource(properties = {
    "spring.datasource.hikari.maximum-pool-size=2",
    "spring.datasource.hikari.connection-timeout=250"})
class OverloadTest extends RentalTestBase {

  @LocalServerPort
  int port;
  @Autowired
  DataSource dataSource;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anExhaustedConnectionPoolAnswers503WithRetryAfterAndChangesNothing() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    List<Connection> held = new ArrayList<>();
    HttpResponse<String> apply;
    HttpResponse<String> myPage;
    try {
      held.add(dataSource.getConnection());
      held.add(dataSource.getConnection());

      apply = send("POST", "/rentals", "{\"mobilityId\":\"bike-01\",\"hours\":1}");
      myPage = send("GET", "/mypages", null);
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }

    for (HttpResponse<String> busy : List.of(apply, myPage)) {
      assertThat(busy.statusCode()).as("%s", busy.body()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(busy.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(busy.body()).contains("Service busy");
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM rental").query(Long.class).single()).isZero();
    assertThat(send("POST", "/rentals", "{\"mobilityId\":\"bike-01\",\"hours\":1}").statusCode())
        .as("the same application once connections are free again").isEqualTo(201);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
