package com.sharedmobility.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.support.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as problem details (RFC 9457), like every other error of an API. The title is the status' reason
 * phrase, as RFC 9457 asks of problems without a type.
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ObjectMapper json;
  private final String realm;

  /** @param realm the HTTP Basic realm named in {@code WWW-Authenticate} */
  public ProblemSecurityHandlers(ObjectMapper json, String realm) {
    this.json = json;
    this.realm = realm;
  }

  /** The {@code WWW-Authenticate} value of a 401. */
  protected String challenge() {
    return "Basic realm=\"" + realm + "\"";
  }

  /** The detail of a 401: how to sign in. */
  protected String unauthenticatedDetail() {
    return "Missing or wrong credentials: use HTTP Basic";
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge());
    write(request, response, HttpStatus.UNAUTHORIZED, unauthenticatedDetail());
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(request, response, HttpStatus.FORBIDDEN,
        "This account may not " + request.getMethod() + " " + request.getRequestURI());
  }

  /** Writes a problem response of this status; the caller sets any headers first. */
  protected void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    write(request, response, ProblemDetail.forStatusAndDetail(status, detail));
  }

  /** Writes this problem; the caller sets any headers first. */
  protected void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
      throws IOException {
    ProblemWriter.write(json, request, response, inLanguageOf(request, problem));
  }

  /** The problem in the language the request asks for; English, as made, unless a service speaks more. */
  protected ProblemDetail inLanguageOf(HttpServletRequest request, ProblemDetail problem) {
    return problem;
  }
}
