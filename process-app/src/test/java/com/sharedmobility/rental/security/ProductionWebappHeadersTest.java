package com.sharedmobility.rental.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.rental.ProductionProfileTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Outside the local profile the webapps are served over HTTPS only: browsers are told so (HSTS). */
class ProductionWebappHeadersTest extends ProductionProfileTestBase {

  @LocalServerPort
  int port;

  @Test
  void webappsSendHsts() throws Exception {
    HttpResponse<Void> welcome = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/welcome/default/")).build(),
        HttpResponse.BodyHandlers.discarding());

    assertThat(welcome.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    assertThat(welcome.headers().firstValue("Content-Security-Policy")).isPresent();
  }
}
