package com.sharedmobility.rental.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health component {@code customerTokenIssuer}: whether the issuer of customer tokens answers its discovery
 * document (OpenID Connect, else OAuth 2.0 authorization server metadata, as the token decoder looks them up). Part
 * of the overall health, not of readiness: while it is down customers get 503 with Retry-After, and taking every pod
 * out of service would not bring it back; the key pipeline and Cockpit keep working.
 */
class IssuerHealthIndicator extends AbstractHealthIndicator {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final List<URI> discovery;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  IssuerHealthIndicator(String issuer) {
    super("the issuer of customer tokens cannot be reached");
    URI base = URI.create(issuer);
    String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
    this.discovery = List.of(
        base.resolve(path + "/.well-known/openid-configuration"),
        base.resolve("/.well-known/oauth-authorization-server" + path));
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    int status = 0;
    for (URI document : discovery) {
      status = http.send(HttpRequest.newBuilder(document).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == 200) {
        builder.up().withDetail("discovery", document.toString());
        return;
      }
    }
    builder.down().withDetail("discovery", discovery.toString()).withDetail("status", status);
  }
}
