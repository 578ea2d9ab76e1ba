package com.sharedmobility.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413, before authentication and before anything parses them. A body
 * of declared length is judged by its {@code Content-Length} without being read; a body of unknown length
 * (chunked) is read up to one byte over the limit and, when small enough, handed on from memory.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

  private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

  private final int maxBytes;
  private final ObjectMapper json;

  public RequestBodyLimitFilter(DataSize maxBodySize, ObjectMapper json) {
    this.maxBytes = Math.toIntExact(maxBodySize.toBytes());
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuse(request, response);
      return;
    }
    if (declared < 0 && METHODS_WITH_BODY.contains(request.getMethod())) {
      byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        refuse(request, response);
        return;
      }
      chain.doFilter(new BufferedBodyRequest(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
        "The request body is larger than " + maxBytes + " bytes");
    problem.setTitle("Request body too large");
    // The body is not read; Tomcat drops the connection after a 413, draining up to server.tomcat.max-swallow-size
    // first so that the caller still receives this answer.
    ProblemWriter.write(json, request, response, problem);
  }
}
