package com.sharedmobility.key.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.sharedmobility.key.store.VerificationLockedException;
import java.util.stream.Collectors;
import com.sharedmobility.support.errors.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem details. Details name what is wrong but never echo the request body, which
 * holds a key.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = ex.getBindingResult().getFieldErrors().stream()
        .map(error -> error.getField() + " " + error.getDefaultMessage())
        .sorted()
        .collect(Collectors.joining("; "));
    return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(status, detail), headers, status, request);
  }

  /** An id in the path that cannot be one: the message names the id's form, not the value sent. */
  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = ex.getAllErrors().stream()
        .map(error -> error.getDefaultMessage())
        .collect(Collectors.joining("; "));
    return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(status, detail), headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, unreadableBody(ex));
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  /** A vehicle that took too many wrong keys: refused, whatever the key, until its lockout ends. */
  @ExceptionHandler(VerificationLockedException.class)
  ResponseEntity<ProblemDetail> locked(VerificationLockedException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
        .body(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception ex) {
    if (DatabaseUnavailable.isCauseOf(ex)) {
      LOG.warn("database unreachable, answered 503: {}", ex.toString());
      return DatabaseUnavailable.answer(
          "The key service cannot reach its database at this moment; nothing was changed");
    }
    LOG.error("request failed unexpectedly", ex);
    return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR, "the key service failed to answer; try again later"));
  }

  private static String unreadableBody(HttpMessageNotReadableException ex) {
    if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      return "field " + fieldPath(mismatch) + " has the wrong type";
    }
    if (ex.getCause() instanceof JsonProcessingException json && json.getLocation() != null) {
      return "the request body is not valid JSON (line " + json.getLocation().getLineNr() + ", column "
          + json.getLocation().getColumnNr() + ")";
    }
    return "the request body is missing or is not a JSON object";
  }

  private static String fieldPath(JsonMappingException ex) {
    return ex.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
