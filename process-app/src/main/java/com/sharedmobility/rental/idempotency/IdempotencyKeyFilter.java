package com.sharedmobility.rental.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.rental.api.ProblemLanguage;
import com.sharedmobility.support.errors.DatabaseUnavailable;
import com.sharedmobility.support.web.BufferedBodyRequest;
import com.sharedmobility.support.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} (IETF draft-ietf-httpapi-idempotency-key-header) on the customer API's POSTs: the same
 * key and request from the same customer gets the first answer again and starts nothing; the same key with another
 * request gets 422; a repeat while the first is in flight gets 409. Answers of 5xx are not kept (nothing was
 * started), so a repeat does the work. Runs after authentication: keys are the customer's own.
 */
public class IdempotencyKeyFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeyFilter.class);
  public static final String HEADER = "Idempotency-Key";
  /** Set on an answer given again. */
  public static final String REPLAYED = "Idempotent-Replayed";
  private static final Pattern PATHS = Pattern.compile("/rentals(/[^/]+/(cancel|return|extend))?");
  /** A Structured Field string without its quotes, or a bare token: visible ASCII without quotes or backslash. */
  private static final Pattern KEY = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,255}");
  private static final int RETRY_AFTER_IN_FLIGHT_SECONDS = 1;

  private final IdempotentRequests requests;
  private final ObjectMapper json;
  private final ProblemLanguage language;

  public IdempotencyKeyFilter(IdempotentRequests requests, ObjectMapper json, ProblemLanguage language) {
    this.requests = requests;
    this.json = json;
    this.language = language;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
        || !PATHS.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Principal customer = request.getUserPrincipal();
    if (customer == null) {
      chain.doFilter(request, response);
      return;
    }
    String key = unquoted(request.getHeader(HEADER));
    if (!KEY.matcher(key).matches()) {
      problem(request, response, HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key",
          "The Idempotency-Key header must be 1 to 255 visible ASCII characters, e.g. a UUID in quotes.");
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    Claim claim;
    try {
      claim = requests.claim(customer.getName(), key, fingerprint(request, body));
    } catch (RuntimeException failed) {
      if (!DatabaseUnavailable.isCauseOf(failed)) {
        throw failed;
      }
      LOG.warn("database unreachable, request with an Idempotency-Key answered 503: {}", failed.toString());
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
      problem(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
          "The service cannot reach its database at this moment; nothing was started. Please try again.");
      return;
    }
    if (claim instanceof Claim.Work work) {
      work(new BufferedBodyRequest(request, body), response, chain, work.request(), null);
    } else if (claim instanceof Claim.StartedBefore started) {
      work(new BufferedBodyRequest(request, body), response, chain, started.request(), started.rentalId());
    } else if (claim instanceof Claim.Replay replay) {
      replay(response, replay.answer());
    } else if (claim instanceof Claim.InFlight) {
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_IN_FLIGHT_SECONDS));
      problem(request, response, HttpStatus.CONFLICT, "Request in progress",
          "A request with this Idempotency-Key is still being processed; ask again in a moment for its answer.");
    } else {
      problem(request, response, HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
          "This Idempotency-Key was already used with another request; send a new key for a new request.");
    }
  }

  private void work(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                    IdempotentRequest idempotent, String startedRental) throws ServletException, IOException {
    request.setAttribute(IdempotentRequest.ATTRIBUTE, idempotent);
    if (startedRental != null) {
      request.setAttribute(IdempotentRequest.STARTED_RENTAL, startedRental);
    }
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, answer);
    } catch (ServletException | IOException | RuntimeException failed) {
      release(idempotent);
      throw failed;
    }
    try {
      if (answer.getStatus() >= HttpStatus.INTERNAL_SERVER_ERROR.value()) {
        release(idempotent);
      } else {
        requests.answer(idempotent, new StoredAnswer(answer.getStatus(), answer.getHeader(HttpHeaders.LOCATION),
            answer.getContentType(), new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8)));
      }
    } catch (RuntimeException failed) {
      if (!DatabaseUnavailable.isCauseOf(failed)) {
        throw failed;
      }
      // the work is done and its answer is the customer's; only its copy for a repeat is lost
      LOG.warn("database unreachable, the answer to Idempotency-Key {} is not kept: {}", idempotent.key(),
          failed.toString());
    }
    answer.copyBodyToResponse();
  }

  /** Lets a repeat do the work; with the database away, as soon as it is back. */
  private void release(IdempotentRequest idempotent) {
    try {
      requests.release(idempotent);
    } catch (RuntimeException failed) {
      if (!DatabaseUnavailable.isCauseOf(failed)) {
        throw failed;
      }
      LOG.warn("database unreachable, the claim of Idempotency-Key {} is released when it is back: {}",
          idempotent.key(), failed.toString());
      requests.releaseWhenBack(idempotent);
    }
  }

  private static void replay(HttpServletResponse response, StoredAnswer answer) throws IOException {
    response.setStatus(answer.status());
    response.setHeader(REPLAYED, "true");
    if (answer.location() != null) {
      response.setHeader(HttpHeaders.LOCATION, answer.location());
    }
    if (answer.contentType() != null) {
      response.setContentType(answer.contentType());
    }
    if (answer.body() != null) {
      response.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
    }
  }

  private void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                       String detail) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    ProblemWriter.write(json, request, response, language.translate(problem, request));
  }

  private static String unquoted(String header) {
    String key = header.strip();
    return key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
  }

  /** The same key must come with the same request: method, path and body. */
  private static String fingerprint(HttpServletRequest request, byte[] body) {
    return Fingerprint.of((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8),
        body);
  }
}
