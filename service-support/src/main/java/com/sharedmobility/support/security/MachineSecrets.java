package com.sharedmobility.support.security;

/**
 * Passwords of service accounts outside the local profile are generated secrets, never words: they are checked with a
 * fast salted hash ({@link ServiceAccountPasswordEncoder}), so their length is what keeps them from being guessed.
 */
public final class MachineSecrets {

  /** 24 characters of base64 are 144 bits. */
  public static final int MIN_LENGTH = 24;

  private MachineSecrets() {
  }

  /** Returns the secret, or refuses to let the service start with a short one (its name, never its value). */
  public static String requireGenerated(String variable, String secret) {
    if (secret == null || secret.length() < MIN_LENGTH) {
      throw new IllegalStateException(variable + " must be a generated secret of at least " + MIN_LENGTH
          + " characters (e.g. openssl rand -base64 32)");
    }
    return secret;
  }
}
