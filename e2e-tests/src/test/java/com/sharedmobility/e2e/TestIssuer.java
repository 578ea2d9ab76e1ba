package com.sharedmobility.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real OAuth2 / OpenID Connect issuer for the production profile: Spring Authorization Server on a free port of
 * this JVM, with its own signing key, discovery document and JWK set. Customers are clients here: a client's
 * client-credentials token has the client id as its subject, so each client below stands for one customer.
 *
 * <ul>
 *   <li>{@code carol}, {@code dave}: customers, scope {@code rentals}, tokens valid 5 minutes</li>
 *   <li>{@code erin}: signed in, but without the scope {@code rentals}</li>
 *   <li>{@code brief}: a customer whose tokens expire after 2 seconds</li>
 * </ul>
 *
 * <p>The customer app signs in here as the public client {@code customer-app} (authorization code with PKCE) with
 * the user {@link #APP_USER}, whose subject is the same as the client {@code carol}'s: one customer, in the app and
 * in the API. Its session cookie has a name of its own, since browsers keep cookies by host, not by port.
 */
public final class TestIssuer implements AutoCloseable {

  /** The customer who signs in to the customer app here, and the password. */
  public static final String APP_USER = "carol";
  public static final String APP_PASSWORD = "carol-password-at-the-test-issuer";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ConfigurableApplicationContext context;
  private final String issuer;

  private TestIssuer(ConfigurableApplicationContext context, String issuer) {
    this.context = context;
    this.issuer = issuer;
  }

  public static TestIssuer start() {
    int port = freePort();
    String issuer = "http://127.0.0.1:" + port;
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", port);
    properties.put("spring.main.banner-mode", "off");
    properties.put("spring.security.oauth2.authorizationserver.issuer", issuer);
    client(properties, "carol", "rentals", "PT5M");
    client(properties, "dave", "rentals", "PT5M");
    client(properties, "erin", "catalogue", "PT5M");
    client(properties, "brief", "rentals", "PT2S");
    appClient(properties);
    properties.put("spring.security.user.name", APP_USER);
    properties.put("spring.security.user.password", "{noop}" + APP_PASSWORD);
    properties.put("server.servlet.session.cookie.name", "TEST_ISSUER_SESSION");
    ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).properties(properties).run();
    return new TestIssuer(context, issuer);
  }

  public String uri() {
    return issuer;
  }

  /** A fresh access token of the client (a JWT signed by this issuer). */
  public String token(String client) {
    String scope = "erin".equals(client) ? "catalogue" : "rentals";
    HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((client + ":" + secretOf(client)).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope))
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("no token for " + client + ": " + response.statusCode() + " "
            + response.body());
      }
      return RentalApiClient.JSON.readTree(response.body()).path("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }

  private static void client(Map<String, Object> properties, String id, String scope, String lifetime) {
    String prefix = "spring.security.oauth2.authorizationserver.client." + id + ".";
    properties.put(prefix + "registration.client-id", id);
    properties.put(prefix + "registration.client-secret", "{noop}" + secretOf(id));
    properties.put(prefix + "registration.client-authentication-methods", "client_secret_basic");
    properties.put(prefix + "registration.authorization-grant-types", "client_credentials");
    properties.put(prefix + "registration.scopes", scope);
    properties.put(prefix + "token.access-token-time-to-live", lifetime);
  }

  /**
   * The customer app: a public client, any port of the loopback address (RFC 8252), which Spring Authorization
   * Server allows for redirects to 127.0.0.1.
   */
  private static void appClient(Map<String, Object> properties) {
    String prefix = "spring.security.oauth2.authorizationserver.client.customer-app.";
    properties.put(prefix + "registration.client-id", "customer-app");
    properties.put(prefix + "registration.client-authentication-methods", "none");
    properties.put(prefix + "registration.authorization-grant-types", "authorization_code");
    properties.put(prefix + "registration.redirect-uris", "http://127.0.0.1/login/oauth2/code/customer-app");
    properties.put(prefix + "registration.post-logout-redirect-uris", "http://127.0.0.1/app/signed-out");
    properties.put(prefix + "registration.scopes", "openid,profile,rentals");
    properties.put(prefix + "require-proof-key", true);
    properties.put(prefix + "require-authorization-consent", false);
  }

  /** The issuer wants each client's secret to be its own. */
  private static String secretOf(String client) {
    return client + "-secret-at-the-test-issuer";
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Spring Boot's authorization server auto-configuration, from the properties above; nothing scanned. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
  }
}
