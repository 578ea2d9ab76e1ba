package com.sharedmobility.rental.api;

import com.sharedmobility.rental.config.Languages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The customer API's problems in the language the request asks for with {@code Accept-Language}: Korean when it
 * prefers Korean to English, English otherwise (also without the header). A Korean problem gets the title and the
 * detail of {@code api/problems_ko.properties}, found by its English title; a problem without them stays English.
 */
@Component
public class ProblemLanguage {

  private static final String PREFIX = "api.problem.";

  private final MessageSource messages;

  public ProblemLanguage(MessageSource messages) {
    this.messages = messages;
  }

  /** The problem in the request's language; the same object, changed in place. */
  public ProblemDetail translate(ProblemDetail problem, HttpServletRequest request) {
    Locale language = Languages.preferred(request);
    if (language.equals(Locale.ENGLISH) || problem.getTitle() == null) {
      return problem;
    }
    String key = PREFIX + problem.getTitle().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    Object[] englishDetail = {problem.getDetail() == null ? "" : problem.getDetail()};
    String title = messages.getMessage(key + ".title", englishDetail, null, language);
    String detail = messages.getMessage(key + ".detail", englishDetail, null, language);
    if (title != null && detail != null) {
      problem.setTitle(title);
      problem.setDetail(detail);
    }
    return problem;
  }
}
