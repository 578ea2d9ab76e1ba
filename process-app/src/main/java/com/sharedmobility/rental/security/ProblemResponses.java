package com.sharedmobility.rental.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.rental.api.ProblemLanguage;
import com.sharedmobility.support.security.ProblemSecurityHandlers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 of the customer API and the actuator as problem+json. Outside the local profile customers sign in
 * with bearer tokens, so a 401 offers that scheme too; a token that cannot be checked because its issuer cannot be
 * reached is our trouble, not the customer's: 503 with Retry-After.
 */
@Component
public class ProblemResponses extends ProblemSecurityHandlers implements AuthenticationFailureHandler {

  /** Seconds a client waits before it tries again while the token issuer cannot be reached. */
  public static final int RETRY_AFTER_ISSUER_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private final ProblemLanguage language;

  public ProblemResponses(ObjectMapper json, ProblemLanguage language) {
    super(json, "shared-mobility");
    this.language = language;
  }

  @Override
  protected ProblemDetail inLanguageOf(HttpServletRequest request, ProblemDetail problem) {
    return language.translate(problem, request);
  }

  @Override
  protected String challenge() {
    return super.challenge() + ", Bearer";
  }

  /** The bearer token filter's failures: a wrong token is a 401, an issuer out of reach a 503. */
  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                      AuthenticationException failure) throws IOException {
    if (failure instanceof AuthenticationServiceException) {
      LOG.warn("customer token not checked, its issuer cannot be reached: {}", failure.getMessage());
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_ISSUER_SECONDS));
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
          "Sign-in cannot be checked right now: the sign-in service cannot be reached. Nothing was changed; please"
              + " try again shortly.");
      problem.setTitle("Sign-in unavailable");
      write(request, response, problem);
      return;
    }
    commence(request, response, failure);
  }

  @Override
  protected String unauthenticatedDetail() {
    return "Sign in to use the rental API (HTTP Basic in the local profile, a bearer token elsewhere).";
  }
}
