package com.sharedmobility.rental.config;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;

/** The languages the customer app and the API speak, and which of them a request asks for. */
public final class Languages {

  public static final List<Locale> SPOKEN = List.of(Locale.ENGLISH, Locale.KOREAN);

  private Languages() {
  }

  /** The first of these languages that the request's {@code Accept-Language} asks for; English when none. */
  public static Locale preferred(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
    if (header == null || header.isBlank()) {
      return Locale.ENGLISH;
    }
    try {
      Locale preferred = Locale.lookup(Locale.LanguageRange.parse(header), SPOKEN);
      return preferred == null ? Locale.ENGLISH : preferred;
    } catch (IllegalArgumentException malformed) {
      return Locale.ENGLISH;
    }
  }
}
