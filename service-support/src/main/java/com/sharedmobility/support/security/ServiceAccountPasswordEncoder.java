package com.sharedmobility.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Salted SHA-256 for the API accounts a service holds in memory, compared in constant time. These accounts'
 * passwords are generated secrets that sit in the process's own environment, so a slow hash guards nothing there,
 * while bcrypt on every HTTP Basic request cost about 80 ms of CPU on a quiet machine (several hundred under load)
 * and capped each service at a few requests per second (docs/benchmarks.md).
 */
public final class ServiceAccountPasswordEncoder implements PasswordEncoder {

  /**
   * The id in {@code {id}hash}: what {@link #delegating()} encodes with. Not {@code sha256}, which Spring Security's
   * own factory maps to a different, deprecated format.
   */
  public static final String ID = "salted-sha256";

  private static final int SALT_BYTES = 16;
  private static final HexFormat HEX = HexFormat.of();
  private final SecureRandom random = new SecureRandom();

  /**
   * Encodes with this encoder and still accepts bcrypt hashes ({@code {bcrypt}...}), so a store filled with those
   * keeps working.
   */
  public static PasswordEncoder delegating() {
    return new DelegatingPasswordEncoder(ID,
        Map.of(ID, new ServiceAccountPasswordEncoder(), "bcrypt", new BCryptPasswordEncoder()));
  }

  @Override
  public String encode(CharSequence rawPassword) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return HEX.formatHex(salt) + "$" + HEX.formatHex(digest(salt, rawPassword));
  }

  @Override
  public boolean matches(CharSequence rawPassword, String encodedPassword) {
    if (rawPassword == null || encodedPassword == null) {
      return false;
    }
    int separator = encodedPassword.indexOf('$');
    if (separator != SALT_BYTES * 2) {
      return false;
    }
    try {
      byte[] salt = HEX.parseHex(encodedPassword, 0, separator);
      byte[] expected = HEX.parseHex(encodedPassword, separator + 1, encodedPassword.length());
      return MessageDigest.isEqual(expected, digest(salt, rawPassword));
    } catch (IllegalArgumentException notHex) {
      return false;
    }
  }

  private static byte[] digest(byte[] salt, CharSequence rawPassword) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      return sha256.digest(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
