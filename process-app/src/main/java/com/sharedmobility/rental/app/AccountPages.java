package com.sharedmobility.rental.app;

import com.sharedmobility.rental.security.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Signing in and out, and the page for a signed-in account that may not do what it asked. */
@Controller
public class AccountPages {

  private final Optional<LazyClientRegistrations> oidc;

  public AccountPages(Optional<LazyClientRegistrations> oidc) {
    this.oidc = oidc;
  }

  /**
   * The local profile's form; elsewhere the way to the identity provider, or a sentence when it cannot be
   * reached (503, so that monitoring sees it too).
   */
  @GetMapping(CustomerAppSecurity.LOGIN)
  public String login(Model model, HttpServletResponse response) {
    model.addAttribute("oidc", oidc.isPresent());
    if (oidc.isPresent()) {
      boolean available = oidc.get().available();
      model.addAttribute("signInPath", OidcLogin.SIGN_IN_PATH);
      model.addAttribute("signInAvailable", available);
      if (!available) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        // as the API answers a token it cannot check meanwhile
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemResponses.RETRY_AFTER_ISSUER_SECONDS));
      }
    }
    return "app/login";
  }

  @GetMapping("/app/signed-out")
  public String signedOut() {
    return "app/signed-out";
  }

  /** Forwarded here by Spring Security with any method: a staff account, or a form whose token no longer holds. */
  @RequestMapping(CustomerAppSecurity.DENIED)
  public String denied(HttpServletRequest request, HttpServletResponse response, Model model) {
    AccessDeniedException denied = (AccessDeniedException) request.getAttribute(WebAttributes.ACCESS_DENIED_403);
    response.setStatus(HttpStatus.FORBIDDEN.value());
    model.addAttribute("reason", new Notice(denied instanceof CsrfException ? "denied.form" : "denied.notCustomer"));
    return "app/denied";
  }
}
