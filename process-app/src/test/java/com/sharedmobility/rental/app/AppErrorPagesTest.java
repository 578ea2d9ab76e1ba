package com.sharedmobility.rental.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.rental.usecase.Refusals;
import com.sharedmobility.rental.usecase.RentalProblem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/** A known refusal is a page with its sentence and the status the API gives it; only the unforeseen is a 500. */
class AppErrorPagesTest {

  private final Refusals refusals = new Refusals(new SimpleMeterRegistry());
  private final AppErrorPages pages = new AppErrorPages(new ProblemNotices(refusals), refusals);

  @Test
  void aBusyDatabaseIsA503WithItsWaitNotA500() {
    MockHttpServletResponse response = new MockHttpServletResponse();

    ModelAndView page = pages.unexpected(new CannotGetJdbcConnectionException("pool",
        new SQLTransientConnectionException("Connection is not available, request timed out after 250ms")),
        response);

    assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    assertThat(((Notice) page.getModel().get("problem")).code()).isEqualTo("problem.BUSY");
  }

  @Test
  void aDatabaseThatRestartsIsA503WithItsWaitNotA500() {
    MockHttpServletResponse response = new MockHttpServletResponse();

    ModelAndView page = pages.unexpected(new IllegalStateException("engine", new java.sql.SQLException(
        "FATAL: terminating connection due to administrator command", "57P01")), response);

    assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    assertThat(((Notice) page.getModel().get("problem")).code()).isEqualTo("problem.DATABASE_UNREACHABLE");
  }

  @Test
  void aRefusalWrappedOnItsWayKeepsItsStatusAndWait() {
    MockHttpServletResponse response = new MockHttpServletResponse();

    ModelAndView page = pages.unexpected(new IllegalStateException("wrapped",
        RentalProblem.keyServiceUnavailable(5)), response);

    assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    assertThat(((Notice) page.getModel().get("problem")).code()).isEqualTo("problem.KEY_SERVICE_UNAVAILABLE");
  }

  @Test
  void onlyTheUnforeseenIsA500() {
    ModelAndView page = pages.unexpected(new IllegalStateException("a bug"), new MockHttpServletResponse());

    assertThat(page.getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(((Notice) page.getModel().get("problem")).code()).isEqualTo("problem.UNEXPECTED");
  }
}
