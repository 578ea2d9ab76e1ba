package com.sharedmobility.key;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain HTTP client for the running service, so tests see exactly what a vehicle or operator would. */
public class KeyApiClient {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public KeyApiClient(int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  /** Credentials, or null for an anonymous call. */
  public record Login(String username, String password) {

    public String header() {
      return "Basic " + Base64.getEncoder()
          .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static final String JSON = "application/json, application/problem+json";

  public HttpResponse<String> postJson(String path, String body, Login login) {
    return send(request(path, login, JSON)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), login);
  }

  public HttpResponse<String> get(String path, Login login) {
    return send(request(path, login, JSON).GET(), login);
  }

  /** A GET of plain text, as Prometheus scrapes. */
  public HttpResponse<String> getText(String path, Login login) {
    return send(request(path, login, "text/plain, application/problem+json").GET(), login);
  }

  private HttpRequest.Builder request(String path, Login login, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(10))
        .header("Accept", accept);
    if (login != null) {
      request.header("Authorization", login.header());
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request, Login login) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
