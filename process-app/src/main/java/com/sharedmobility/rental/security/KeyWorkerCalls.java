package com.sharedmobility.rental.security;

import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.support.security.ServiceAccountPasswordEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * What the key worker may call on engine REST, and how it is recognised. The key worker is no Camunda user: its
 * account (KEY_WORKER_*) opens the external-task operations a worker needs and nothing else.
 */
final class KeyWorkerCalls {

  /** The outcome of looking at a request's credentials. */
  enum Caller { KEY_WORKER, WRONG_PASSWORD, SOMEONE_ELSE }

  /** Fetch and lock, and what a worker does with a task it locked; all POST, below engine REST's root. */
  private static final Pattern WORKER_OPERATIONS =
      Pattern.compile("/external-task/(fetchAndLock|[0-9a-fA-F-]{1,64}/(complete|failure|bpmnError|extendLock|unlock))");
  private static final String BASIC = "Basic ";
  private static final ServiceAccountPasswordEncoder PASSWORDS = new ServiceAccountPasswordEncoder();

  private final String username;
  private final String encodedPassword;

  KeyWorkerCalls(RentalProperties.KeyWorker account) {
    this.username = account.username();
    this.encodedPassword = PASSWORDS.encode(account.password());
  }

  /** Whose credentials an {@code Authorization} header carries, as far as the key worker is concerned. */
  Caller identify(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return Caller.SOMEONE_ELSE;
    }
    String credentials;
    try {
      credentials = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Caller.SOMEONE_ELSE;
    }
    int colon = credentials.indexOf(':');
    if (colon < 0 || !credentials.substring(0, colon).equals(username)) {
      return Caller.SOMEONE_ELSE;
    }
    return PASSWORDS.matches(credentials.substring(colon + 1), encodedPassword)
        ? Caller.KEY_WORKER : Caller.WRONG_PASSWORD;
  }

  /** Whether the key worker may make this call; {@code path} is below engine REST's root. */
  boolean allows(String method, String path) {
    return "POST".equals(method) && path != null && WORKER_OPERATIONS.matcher(path).matches();
  }

  /** Whether the call (one the key worker may make) completes a task. */
  static boolean isCompletion(String path) {
    return path.endsWith("/complete");
  }
}
