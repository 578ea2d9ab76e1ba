package com.sharedmobility.rental.api;

import com.sharedmobility.rental.usecase.Refusals;
import com.sharedmobility.rental.usecase.Refusals.Refusal;
import com.sharedmobility.support.errors.DatabaseUnavailable;
import com.sharedmobility.rental.usecase.RentalProblem;
import jakarta.validation.ConstraintViolationException;
import java.util.stream.Collectors;
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

/** Every error of the customer API is problem+json with a detail a client can act on, never a stack trace. */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);
  private static final long RETRY_AFTER_BUSY_SECONDS = 1;

  private final Refusals refusals;

  public ApiExceptionHandler(Refusals refusals) {
    this.refusals = refusals;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = ex.getBindingResult().getFieldErrors().stream()
        .map(e -> e.getField() + " " + e.getDefaultMessage())
        .sorted()
        .collect(Collectors.joining("; "));
    return badRequest("Invalid request", detail);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = ex.getAllErrors().stream()
        .map(e -> e.getDefaultMessage())
        .collect(Collectors.joining("; "));
    return badRequest("Invalid request", detail);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return badRequest("Malformed request body",
        "The body must be JSON like {\"mobilityId\": \"bike-01\", \"hours\": 2}, with hours a whole number"
            + " and no unknown fields.");
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
    String detail = ex.getConstraintViolations().stream()
        .map(v -> v.getMessage())
        .collect(Collectors.joining("; "));
    return badRequest("Invalid request", detail);
  }

  /** The refusals the customer app tells as sentences, here as problem+json; anything unforeseen is a 500. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> refused(Exception ex) {
    Refusal refusal = refusals.of(ex);
    return switch (refusal.kind()) {
      case NO_PRICE -> badRequest("No price for these hours", refusal.cause().getMessage() + " Choose fewer hours.");
      case PAYMENT_METHOD -> badRequest("Payment method not accepted",
          "The payment service refused the payment method.");
      case PAYMENT_SERVICE -> problem(HttpStatus.BAD_GATEWAY, "Payment service error",
          "The payment service refused the request; nothing was charged. Please try again later.");
      case CHARGES_BUSY -> busy("Too many rentals are being paid for at this moment; yours was not started.");
      case POOL_BUSY -> busy("The service is busy.");
      case DATABASE_UNREACHABLE -> unavailable(RentalProblem.busy("The service cannot reach its database at this"
          + " moment; nothing was started, and an amount reserved for it is released.",
          DatabaseUnavailable.RETRY_AFTER_SECONDS));
      case UNFORESEEN -> {
        LOG.error("unexpected error in the customer API", ex);
        yield problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
            "Something went wrong on our side; nothing was changed. Please try again.");
      }
    };
  }

  private static ResponseEntity<Object> busy(String reason) {
    return unavailable(RentalProblem.busy(reason, RETRY_AFTER_BUSY_SECONDS));
  }

  private static ResponseEntity<Object> unavailable(RentalProblem problem) {
    return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).body(problem.getBody());
  }

  private static ResponseEntity<Object> badRequest(String title, String detail) {
    return problem(HttpStatus.BAD_REQUEST, title, detail);
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.status(status).body(problem);
  }
}
