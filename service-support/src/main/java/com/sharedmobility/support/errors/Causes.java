package com.sharedmobility.support.errors;

import java.util.Optional;
import java.util.function.Predicate;

/** Questions about an exception and the exceptions it wraps, however deep a framework nested them. */
public final class Causes {

  private Causes() {
  }

  /** Whether the exception or any of its causes matches. */
  public static boolean any(Throwable exception, Predicate<Throwable> matches) {
    return first(exception, matches).isPresent();
  }

  /** The exception itself or the outermost of its causes of this type. */
  public static <T extends Throwable> Optional<T> find(Throwable exception, Class<T> type) {
    return first(exception, type::isInstance).map(type::cast);
  }

  private static Optional<Throwable> first(Throwable exception, Predicate<Throwable> matches) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (matches.test(cause)) {
        return Optional.of(cause);
      }
    }
    return Optional.empty();
  }
}
