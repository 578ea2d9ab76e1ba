package com.sharedmobility.rental.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** 401 and 403 of the customer API as problem+json, like every other error of the API. */
@Component
public class ProblemResponses {

  private final ObjectMapper json;

  public ProblemResponses(ObjectMapper json) {
    this.json = json;
  }

  public AuthenticationEntryPoint unauthenticated() {
    return (request, response, e) -> {
      response.setHeader("WWW-Authenticate", "Basic realm=\"shared-mobility\", Bearer");
      write(response, HttpStatus.UNAUTHORIZED, "Authentication required",
          "Sign in to use the rental API (HTTP Basic in the local profile, a bearer token elsewhere).");
    };
  }

  public AccessDeniedHandler forbidden() {
    return (request, response, e) ->
        write(response, HttpStatus.FORBIDDEN, "Forbidden", "Your account may not use this part of the API.");
  }

  private void write(HttpServletResponse response, HttpStatus status, String title, String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
