package com.sharedmobility.support.errors;

import java.util.function.Predicate;

/** Questions about an exception and the exceptions it wraps, however deep a framework nested them. */
public final class Causes {

  private Causes() {
  }

  /** Whether the exception or any of its causes matches. */
  public static boolean any(Throwable exception, Predicate<Throwable> matches) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (matches.test(cause)) {
        return true;
      }
    }
    return false;
  }
}
