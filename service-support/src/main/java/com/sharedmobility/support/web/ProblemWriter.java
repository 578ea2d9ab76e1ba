package com.sharedmobility.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** A problem+json answer written by a filter or handler that runs outside Spring MVC's exception handling. */
public final class ProblemWriter {

  private ProblemWriter() {
  }

  /** Writes the problem, for the request's path, with its status; the caller sets any headers first. */
  public static void write(ObjectMapper json, HttpServletRequest request, HttpServletResponse response,
                           ProblemDetail problem) throws IOException {
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
