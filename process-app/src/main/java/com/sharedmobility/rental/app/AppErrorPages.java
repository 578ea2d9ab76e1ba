package com.sharedmobility.rental.app;

import com.sharedmobility.rental.usecase.RentalProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Errors of the app's pages as a page with a sentence, never a stack trace or problem+json. */
@ControllerAdvice(basePackageClasses = AppErrorPages.class)
public class AppErrorPages {

  private final ProblemNotices problems;

  public AppErrorPages(ProblemNotices problems) {
    this.problems = problems;
  }

  @ExceptionHandler(RentalProblem.class)
  ModelAndView refused(RentalProblem problem) {
    return page(HttpStatus.valueOf(problem.getStatusCode().value()), problems.of(problem));
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception failure) {
    return page(HttpStatus.INTERNAL_SERVER_ERROR, problems.of(failure));
  }

  private static ModelAndView page(HttpStatus status, Notice notice) {
    ModelAndView page = new ModelAndView("app/problem", status);
    page.addObject("problem", notice);
    return page;
  }
}
