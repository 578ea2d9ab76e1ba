package com.sharedmobility.rental.app;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sharedmobility.rental.ProductionProfileTestBase;
import com.sharedmobility.rental.security.SecurityConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The customer app outside the local profile: no form, customers sign in at the issuer (OIDC); a signed-in
 * customer is the ID token's subject and needs the scope {@code rentals}, as with the API's bearer tokens.
 */
@AutoConfigureMockMvc
class CustomerAppSignInTest extends ProductionProfileTestBase {

  @Autowired
  MockMvc mvc;

  @Test
  void anAnonymousVisitorIsSentToSignIn() throws Exception {
    mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("http://localhost/app/login"));
    mvc.perform(get("/app/mypage")).andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/app/login"));
  }

  @Test
  void aCustomerSignedInAtTheIssuerSeesTheVehiclesAndOnlyTheirOwnRentals() throws Exception {
    mvc.perform(get("/").with(customer("carol")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Rent a vehicle")));
    mvc.perform(get("/app/mypage").with(customer("carol")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("You have no rentals yet.")));
  }

  @Test
  void aSignInWithoutTheRentalsScopeIsNoCustomer() throws Exception {
    mvc.perform(get("/").with(oidcLogin().idToken(token -> token.subject("someone"))))
        .andExpect(status().isForbidden())
        .andExpect(forwardedUrl("/app/denied"));
  }

  @Test
  void theContentSecurityPolicyLetsTheSignOutContinueAtTheIssuer() throws Exception {
    mvc.perform(get("/").with(customer("carol")))
        .andExpect(header().string("Content-Security-Policy",
            endsWith("form-action 'self' https://login.example.test")));
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor customer(String subject) {
    return oidcLogin().idToken(token -> token.subject(subject))
        .authorities(new SimpleGrantedAuthority(SecurityConfig.CUSTOMER_SCOPE));
  }
}
