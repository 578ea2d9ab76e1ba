package com.sharedmobility.rental.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.rental.RentalTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The headers browsers act on: Spring Security's defaults on the customer API, Camunda's header security on the
 * webapps (HSTS is off in the local profile, which serves plain HTTP; ProductionWebappHeadersTest has it on).
 */
class SecurityHeadersTest extends RentalTestBase {

  @LocalServerPort
  int port;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/mypages", "/mobilities", "/rentals/00000000-0000-0000-0000-000000000000", "/rentals/x"})
  void customerApiAnswersAreNeitherCachedSniffedNorFramed(String path) throws Exception {
    HttpHeaders headers = get(path, "alice").headers();

    assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(headers.firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
    assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/camunda/app/welcome/default/", "/camunda/app/cockpit/default/"})
  void webappsSendCamundasHeaderSecurity(String path) throws Exception {
    HttpHeaders headers = get(path, null).headers();

    assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"));
    assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(headers.firstValue("X-XSS-Protection")).hasValue("1; mode=block");
    assertThat(headers.firstValue("Strict-Transport-Security")).isEmpty();
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
