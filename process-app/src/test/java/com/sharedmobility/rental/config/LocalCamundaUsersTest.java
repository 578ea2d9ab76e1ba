package com.sharedmobility.rental.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.rental.RentalTestBase;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The operators of the local profile can log in to the Camunda webapps they are meant for, customers cannot. */
class LocalCamundaUsersTest extends RentalTestBase {

  @LocalServerPort
  int port;

  @ParameterizedTest(name = "{0} logs in to {2}: {3}")
  @CsvSource({
      "ops, ops, cockpit, 200",
      "ops, ops, tasklist, 200",
      "ops, ops, admin, 403",
      "ops, wrong, cockpit, 401",
      "admin, admin, cockpit, 200",
      "admin, admin, admin, 200",
      "alice, alice, cockpit, 401"})
  void webappLogin(String user, String password, String app, int status) throws IOException, InterruptedException {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    // the webapps' CSRF filter hands out its token with the first page
    browser.send(HttpRequest.newBuilder(uri("/camunda/app/" + app + "/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String csrfToken = cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
    HttpRequest login = HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
        .build();

    HttpResponse<String> response = browser.send(login, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(status);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
