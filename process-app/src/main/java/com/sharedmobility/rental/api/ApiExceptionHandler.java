package com.sharedmobility.rental.api;

import com.sharedmobility.rental.catalogue.NoPriceException;
import com.sharedmobility.rental.payment.ChargesBusyException;
import com.sharedmobility.rental.payment.PaymentRefusedException;
import com.sharedmobility.rental.usecase.ApplicationAdmission;
import com.sharedmobility.rental.usecase.RentalProblem;
import com.sharedmobility.support.errors.Causes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
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

  private final Counter poolBusy;
  private final Counter chargesBusy;

  public ApiExceptionHandler(MeterRegistry registry) {
    this.poolBusy = ApplicationAdmission.refusals(registry, "db-pool");
    this.chargesBusy = ApplicationAdmission.refusals(registry, "charges-busy");
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

  /** The payment service refused the charge request itself, e.g. a payment method it does not know. */
  @ExceptionHandler(PaymentRefusedException.class)
  ResponseEntity<Object> paymentRefused(PaymentRefusedException ex) {
    LOG.warn("payment service refused a charge: {}", ex.getMessage());
    if (ex.status() == HttpStatus.BAD_REQUEST.value()) {
      return badRequest("Payment method not accepted", "The payment service refused the payment method.");
    }
    return problem(HttpStatus.BAD_GATEWAY, "Payment service error",
        "The payment service refused the request; nothing was charged. Please try again later.");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception ex) {
    Optional<NoPriceException> noPrice = Causes.find(ex, NoPriceException.class);
    if (noPrice.isPresent()) {
      return badRequest("No price for these hours", noPrice.get().getMessage() + " Choose fewer hours.");
    }
    if (Causes.any(ex, ChargesBusyException.class::isInstance)) {
      chargesBusy.increment();
      return busy("Too many rentals are being paid for at this moment; yours was not started.");
    }
    if (Causes.any(ex, SQLTransientConnectionException.class::isInstance)) {
      // overload, not a fault: every connection of the pool stayed busy for Hikari's connection timeout
      LOG.warn("no database connection in time, answered 503: {}", ex.toString());
      poolBusy.increment();
      return busy("The service is busy.");
    }
    LOG.error("unexpected error in the customer API", ex);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "Something went wrong on our side; nothing was changed. Please try again.");
  }

  private static ResponseEntity<Object> busy(String reason) {
    RentalProblem busy = RentalProblem.busy(reason, RETRY_AFTER_BUSY_SECONDS);
    return ResponseEntity.status(busy.getStatusCode()).headers(busy.getHeaders()).body(busy.getBody());
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
