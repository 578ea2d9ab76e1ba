package com.sharedmobility.support.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/** Handles a request for {@code <prefix><rentalId>[/...]} with the rental id in the logging context. */
public class RentalIdLogFilter extends OncePerRequestFilter {

  private final String prefix;

  /** @param prefix the path up to the rental id, e.g. {@code /payments/} */
  public RentalIdLogFilter(String prefix) {
    this.prefix = prefix;
  }

  /** Registered ahead of the security filters, so that their log lines carry the rental id too. */
  public static FilterRegistrationBean<RentalIdLogFilter> registration(String prefix) {
    FilterRegistrationBean<RentalIdLogFilter> registration = new FilterRegistrationBean<>(new RentalIdLogFilter(prefix));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try (RentalLogContext ignored = RentalLogContext.of(rentalId(request.getRequestURI()))) {
      chain.doFilter(request, response);
    }
  }

  private String rentalId(String path) {
    if (!path.startsWith(prefix)) {
      return null;
    }
    String rest = path.substring(prefix.length());
    int end = rest.indexOf('/');
    return end < 0 ? rest : rest.substring(0, end);
  }
}
