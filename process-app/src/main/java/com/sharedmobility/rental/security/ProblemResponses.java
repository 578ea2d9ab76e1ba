package com.sharedmobility.rental.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.support.security.ProblemSecurityHandlers;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 of the customer API and the actuator as problem+json. Outside the local profile customers sign in
 * with bearer tokens, so a 401 offers that scheme too.
 */
@Component
public class ProblemResponses extends ProblemSecurityHandlers {

  public ProblemResponses(ObjectMapper json) {
    super(json, "shared-mobility");
  }

  @Override
  protected String challenge() {
    return super.challenge() + ", Bearer";
  }

  @Override
  protected String unauthenticatedDetail() {
    return "Sign in to use the rental API (HTTP Basic in the local profile, a bearer token elsewhere).";
  }
}
