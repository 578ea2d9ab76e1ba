package com.sharedmobility.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A customer's session with the customer app as a browser has it, without a browser: cookies, redirects followed,
 * forms posted with their CSRF token. Pages are asked for as HTML, as a browser does.
 */
final class AppSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient following = HttpClient.newBuilder().cookieHandler(cookies)
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private final HttpClient notFollowing = HttpClient.newBuilder().cookieHandler(cookies)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  /** A page where the redirects ended. */
  record Page(URI uri, int status, String body) {

    /** The CSRF token of the page's forms. */
    String csrf() {
      Matcher m = CSRF.matcher(body);
      if (!m.find()) {
        throw new AssertionError("no CSRF token on " + uri + ":\n" + body);
      }
      return m.group(1);
    }
  }

  Page get(String url) {
    return page(send(following, HttpRequest.newBuilder(URI.create(url)).GET()));
  }

  Page post(String url, Map<String, String> form) {
    return page(send(following, formPost(url, form)));
  }

  /** A form post whose answer is read as it is, a redirect included. */
  HttpResponse<String> postWithoutFollowing(String url, Map<String, String> form) {
    return send(notFollowing, formPost(url, form));
  }

  private static HttpRequest.Builder formPost(String url, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static Page page(HttpResponse<String> response) {
    return new Page(response.uri(), response.statusCode(), response.body());
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
    try {
      return client.send(request.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
