package com.sharedmobility.rental.app;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The start of a sign-in ({@code /oauth2/authorization/...}) while the issuer cannot be reached: Spring's redirect
 * filter would answer 500; the sign-in page says so instead, with 503 and Retry-After.
 */
class SignInAvailability extends OncePerRequestFilter {

  private final LazyClientRegistrations registrations;

  SignInAvailability(LazyClientRegistrations registrations) {
    this.registrations = registrations;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/oauth2/authorization/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (registrations.available()) {
      chain.doFilter(request, response);
      return;
    }
    request.getRequestDispatcher(CustomerAppSecurity.LOGIN).forward(request, response);
  }
}
