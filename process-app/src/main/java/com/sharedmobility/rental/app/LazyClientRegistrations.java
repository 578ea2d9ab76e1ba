package com.sharedmobility.rental.app;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * One client registration, built from the issuer's discovery document when first needed and kept once that
 * worked; while the issuer cannot be reached every sign-in asks again, and {@link #available()} says no.
 */
public class LazyClientRegistrations implements ClientRegistrationRepository {

  private static final Logger LOG = LoggerFactory.getLogger(LazyClientRegistrations.class);

  private final String registrationId;
  private final Supplier<ClientRegistration> discover;
  private volatile ClientRegistration registration;

  public LazyClientRegistrations(String registrationId, Supplier<ClientRegistration> discover) {
    this.registrationId = registrationId;
    this.discover = discover;
  }

  @Override
  public ClientRegistration findByRegistrationId(String id) {
    if (!registrationId.equals(id)) {
      return null;
    }
    ClientRegistration known = registration;
    if (known == null) {
      try {
        known = discover.get();
        registration = known;
      } catch (RuntimeException unreachable) {
        LOG.warn("customer sign-in unavailable, the issuer cannot be reached: {}", unreachable.toString());
        return null;
      }
    }
    return known;
  }

  /** Whether customers can sign in now: the issuer's endpoints are known or can be found. */
  public boolean available() {
    return findByRegistrationId(registrationId) != null;
  }
}
