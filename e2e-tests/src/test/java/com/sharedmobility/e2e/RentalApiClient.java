package com.sharedmobility.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny JSON-over-HTTP client for the three services ({@link HttpClient} + Jackson), optionally with
 * HTTP Basic. It never throws on an HTTP status: every call returns a {@link Response} to assert on.
 */
public final class RentalApiClient {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String authorization;
  private final String user;

  private RentalApiClient(String baseUrl, String user, String authorization) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    this.user = user;
    this.authorization = authorization;
  }

  /** HTTP Basic, as the local profile's users and the services' technical accounts sign in. */
  public static RentalApiClient as(String baseUrl, String user, String password) {
    return new RentalApiClient(baseUrl, user, "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /** An OAuth2 bearer token, as customers sign in outside the local profile; {@code user} names it in messages. */
  public static RentalApiClient withToken(String baseUrl, String user, String accessToken) {
    return new RentalApiClient(baseUrl, user, "Bearer " + accessToken);
  }

  public static RentalApiClient anonymous(String baseUrl) {
    return new RentalApiClient(baseUrl, null, null);
  }

  public URI base() {
    return base;
  }

  // ---------------------------------------------------------------- generic calls

  public Response get(String path) {
    return send(request(path).GET());
  }

  /** POST with a JSON body; {@code body} is serialised with Jackson, {@code null} sends no body. */
  public Response post(String path, Object body) {
    if (body == null) {
      return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }
    try {
      return postRaw(path, JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + body, e);
    }
  }

  /** POST with a body sent exactly as given, for malformed-input tests. */
  public Response postRaw(String path, String rawJson) {
    return send(request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(rawJson, StandardCharsets.UTF_8)));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  // ---------------------------------------------------------------- customer API (process-app)

  public Response mobilities() {
    return get("/mobilities");
  }

  public Response apply(JsonNode mobilityId, Object hours, String paymentMethod) {
    return post("/rentals", application(mobilityId, hours, paymentMethod));
  }

  /** {@code POST /rentals} with an {@code Idempotency-Key}: a retry of it is safe. */
  public Response apply(JsonNode mobilityId, int hours, String paymentMethod, String idempotencyKey) {
    try {
      return send(request("/rentals")
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", idempotencyKey)
          .POST(HttpRequest.BodyPublishers.ofString(
              JSON.writeValueAsString(application(mobilityId, hours, paymentMethod)), StandardCharsets.UTF_8)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise the application", e);
    }
  }

  private static ObjectNode application(JsonNode mobilityId, Object hours, String paymentMethod) {
    ObjectNode body = JSON.createObjectNode();
    body.set("mobilityId", mobilityId);
    body.set("hours", JSON.valueToTree(hours));
    if (paymentMethod != null) {
      body.put("paymentMethod", paymentMethod);
    }
    return body;
  }

  public Response apply(JsonNode mobilityId, int hours) {
    return apply(mobilityId, hours, null);
  }

  public Response rental(String rentalId) {
    return get("/rentals/" + rentalId);
  }

  public Response cancel(String rentalId) {
    return post("/rentals/" + rentalId + "/cancel", null);
  }

  public Response returnVehicle(String rentalId) {
    return post("/rentals/" + rentalId + "/return", null);
  }

  public Response extend(String rentalId, int hours) {
    return post("/rentals/" + rentalId + "/extend", Map.of("hours", hours));
  }

  public Response myPage() {
    return get("/mypages");
  }

  // ---------------------------------------------------------------- key-adapter and payment-adapter

  public Response verifyKey(JsonNode mobilityId, String key) {
    ObjectNode body = JSON.createObjectNode();
    body.set("mobilityId", mobilityId);
    body.put("key", key);
    return post("/keys/verify", body);
  }

  public Response key(String rentalId) {
    return get("/keys/" + rentalId);
  }

  public Response payment(String rentalId) {
    return get("/payments/" + rentalId);
  }

  // ---------------------------------------------------------------- plumbing

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json, application/problem+json");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  /** Resolves a path ("/rentals/1") or an absolute URL (a Location header) against the base URL. */
  public URI resolve(String pathOrUrl) {
    return pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")
        ? URI.create(pathOrUrl)
        : URI.create(base + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl);
  }

  private Response send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(request.method(), request.uri(), user, response.statusCode(), response.headers(),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
    }
  }

  /** One HTTP answer; {@link #toString()} is meant for assertion messages. */
  public record Response(String method, URI uri, String user, int status, HttpHeaders headers, String body) {

    /** The body as a JSON tree; a missing node when the body is empty or not JSON. */
    public JsonNode json() {
      if (body == null || body.isBlank()) {
        return JSON.missingNode();
      }
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        return JSON.missingNode();
      }
    }

    /** A text field of the JSON body, or null. */
    public String text(String field) {
      JsonNode node = json().path(field);
      return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    public Optional<String> location() {
      return headers.firstValue("Location");
    }

    public boolean isProblem() {
      return contentType().toLowerCase().startsWith("application/problem+json");
    }

    @Override
    public String toString() {
      return method + " " + uri + (user == null ? " (anonymous)" : " (as " + user + ")") + " -> HTTP " + status
          + " [" + contentType() + "] " + ServiceProcess.abbreviate(body, 1500);
    }
  }
}
