package com.sharedmobility.support.security;

import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Credentials of one caller, in plain text until they are encoded at startup. */
public record ApiUser(String username, String password) {

  /** What {@link ServiceAccounts} checks passwords with. */
  private static final PasswordEncoder ENCODER = ServiceAccountPasswordEncoder.delegating();

  /**
   * An account whose variables the service's {@code RequiredSettingsCheck} has already found set; its password must
   * be a generated secret ({@link MachineSecrets}).
   */
  public static ApiUser fromEnvironment(Environment environment, String usernameVariable, String passwordVariable) {
    return new ApiUser(environment.getRequiredProperty(usernameVariable),
        MachineSecrets.requireGenerated(passwordVariable, environment.getRequiredProperty(passwordVariable)));
  }

  /** This account for an in-memory user store, with its one role and its password encoded. */
  public UserDetails withRole(String role) {
    return User.withUsername(username).password(ENCODER.encode(password)).roles(role).build();
  }

  @Override
  public String toString() {
    return "ApiUser[username=" + username + ", password=<hidden>]";
  }
}
