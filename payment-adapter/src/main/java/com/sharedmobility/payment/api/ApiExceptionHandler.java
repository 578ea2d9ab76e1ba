package com.sharedmobility.payment.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.sharedmobility.payment.ledger.PaymentConflictException;
import com.sharedmobility.payment.ledger.PaymentNotFoundException;
import com.sharedmobility.payment.provider.UnknownPaymentMethodException;
import java.util.Arrays;
import java.util.stream.Collectors;
import com.sharedmobility.support.errors.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
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

/** Turns every failure into an RFC 9457 problem whose detail tells the caller what to change. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler
  ProblemDetail declined(PaymentDeclinedException e) {
    ProblemDetail problem = problem(HttpStatus.PAYMENT_REQUIRED, "Payment declined", e.getMessage());
    problem.setProperty("rentalId", e.payment().getRentalId());
    problem.setProperty("paymentStatus", e.payment().getStatus());
    return problem;
  }

  @ExceptionHandler
  ProblemDetail conflict(PaymentConflictException e) {
    return problem(HttpStatus.CONFLICT, "Payment conflict", e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail notFound(PaymentNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Payment not found", e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail unknownPaymentMethod(UnknownPaymentMethodException e) {
    return problem(HttpStatus.BAD_REQUEST, "Unknown payment method", e.getMessage());
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (DatabaseUnavailable.isCauseOf(e)) {
      LOG.warn("database unreachable, answered 503: {}", e.toString());
      return DatabaseUnavailable.answer(
          "The payment service cannot reach its database at this moment; nothing was booked");
    }
    LOG.error("Request failed", e);
    return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "The payment service failed to handle the request; its log tells why"));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = ex.getFieldErrors().stream()
        .map(error -> error.getField() + " " + error.getDefaultMessage())
        .sorted()
        .collect(Collectors.joining("; "));
    return withDetail(ex, ex.getBody(), detail, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = ex.getParameterValidationResults().stream()
        .flatMap(result -> result.getResolvableErrors().stream()
            .map(error -> result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage()))
        .sorted()
        .collect(Collectors.joining("; "));
    return withDetail(ex, ex.getBody(), detail, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    Class<?> type = ex.getRequiredType();
    String expected = type != null && type.isEnum()
        ? "one of " + Arrays.toString(type.getEnumConstants())
        : "a valid " + (type == null ? "value" : type.getSimpleName());
    String detail = "'%s' must be %s, not '%s'".formatted(ex.getPropertyName(), expected, ex.getValue());
    return withDetail(ex, ProblemDetail.forStatus(status), detail, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // Names the field without echoing the parser's message, which speaks of Java types.
    String detail;
    if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
      detail = "'%s' is not a field of this request; it takes %s".formatted(shortened(path(unknown)),
          unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
    } else if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      detail = "The value of '%s' cannot be read".formatted(path(mapping));
    } else {
      detail = "The request body is missing or is not valid JSON";
    }
    return withDetail(ex, ProblemDetail.forStatus(status), detail, headers, status, request);
  }

  private static String shortened(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }

  private ResponseEntity<Object> withDetail(Exception ex, ProblemDetail problem, String detail, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    problem.setDetail(detail);
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
