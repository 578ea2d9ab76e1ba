package com.sharedmobility.support.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * HTTP Basic over a service's in-memory accounts ({@link ApiUser}), checked with {@link ServiceAccountPasswordEncoder}.
 * A provider rather than a user store plus an application-wide {@code PasswordEncoder} bean: that encoder suits
 * generated machine secrets only, so nothing else in the service should pick it up.
 */
public final class ServiceAccounts {

  private ServiceAccounts() {
  }

  public static AuthenticationProvider inMemory(UserDetails... accounts) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(accounts));
    provider.setPasswordEncoder(ServiceAccountPasswordEncoder.delegating());
    return provider;
  }
}
