package com.sharedmobility.support.errors;

import java.sql.SQLTransientConnectionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A request that failed because the service's database could not be reached (restarting, away) or no pooled
 * connection came in time: a known condition, answered 503 with a time to come back, never a 500.
 */
public final class DatabaseUnavailable {

  /** A database restart takes seconds. */
  public static final long RETRY_AFTER_SECONDS = 5;

  private DatabaseUnavailable() {
  }

  public static boolean isCauseOf(Throwable failure) {
    return Causes.databaseUnreachable(failure)
        || Causes.find(failure, SQLTransientConnectionException.class).isPresent();
  }

  /** 503 problem+json with {@code Retry-After}; {@code detail} says what was not done. */
  public static ResponseEntity<ProblemDetail> answer(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
    problem.setTitle("Database unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
        .body(problem);
  }
}
