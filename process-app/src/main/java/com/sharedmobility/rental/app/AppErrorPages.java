package com.sharedmobility.rental.app;

import com.sharedmobility.rental.usecase.Refusals;
import com.sharedmobility.rental.usecase.Refusals.Refusal;
import com.sharedmobility.rental.usecase.RentalProblem;
import com.sharedmobility.support.errors.Causes;
import com.sharedmobility.support.errors.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of the app's pages as a page with a sentence, never a stack trace or problem+json; a known refusal keeps
 * the status the API gives it (a busy service 503 with its wait), only the unforeseen is a 500.
 */
@ControllerAdvice(basePackageClasses = AppErrorPages.class)
public class AppErrorPages {

  private static final String RETRY_AFTER_BUSY_SECONDS = "1";

  private final ProblemNotices problems;
  private final Refusals refusals;

  public AppErrorPages(ProblemNotices problems, Refusals refusals) {
    this.problems = problems;
    this.refusals = refusals;
  }

  @ExceptionHandler(RentalProblem.class)
  ModelAndView refused(RentalProblem problem, HttpServletResponse response) {
    String retryAfter = problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
    if (retryAfter != null) {
      response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
    }
    return page(HttpStatus.valueOf(problem.getStatusCode().value()), problems.of(problem));
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception failure, HttpServletResponse response) {
    Optional<RentalProblem> problem = Causes.find(failure, RentalProblem.class);
    if (problem.isPresent()) {
      return refused(problem.get(), response);
    }
    Refusal refusal = refusals.of(failure);
    HttpStatus status = switch (refusal.kind()) {
      case NO_PRICE, PAYMENT_METHOD -> HttpStatus.BAD_REQUEST;
      case PAYMENT_SERVICE -> HttpStatus.BAD_GATEWAY;
      case CHARGES_BUSY, POOL_BUSY -> {
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_BUSY_SECONDS);
        yield HttpStatus.SERVICE_UNAVAILABLE;
      }
      case DATABASE_UNREACHABLE -> {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        yield HttpStatus.SERVICE_UNAVAILABLE;
      }
      case UNFORESEEN -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
    return page(status, problems.of(refusal));
  }

  private static ModelAndView page(HttpStatus status, Notice notice) {
    ModelAndView page = new ModelAndView("app/problem", status);
    page.addObject("problem", notice);
    return page;
  }
}
