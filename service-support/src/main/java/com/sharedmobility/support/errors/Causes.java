package com.sharedmobility.support.errors;

import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.transaction.TransactionSystemException;

/** Questions about an exception and the exceptions it wraps, however deep a framework nested them. */
public final class Causes {

  private Causes() {
  }

  /** Whether the exception or any of its causes matches. */
  public static boolean any(Throwable exception, Predicate<Throwable> matches) {
    return first(exception, matches).isPresent();
  }

  /**
   * Whether the database could not be reached: a SQL state of class 08 (connection exception: refused, broken) or
   * 57P (the server shutting down, restarting or starting up) anywhere in the causes. A restart of the database
   * ends every session, so the next use of each pooled connection fails this way, as does every new connection
   * until it is back.
   */
  public static boolean databaseUnreachable(Throwable exception) {
    return any(exception, cause -> cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")));
  }

  /** The exception itself or the outermost of its causes of this type. */
  public static <T extends Throwable> Optional<T> find(Throwable exception, Class<T> type) {
    return first(exception, type::isInstance).map(type::cast);
  }

  /**
   * The first match along the causes; a failed rollback hides what failed first (its application exception, which
   * is no cause), so that is looked at too: with the database gone, the rollback finds the connection closed.
   */
  private static Optional<Throwable> first(Throwable exception, Predicate<Throwable> matches) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (matches.test(cause)) {
        return Optional.of(cause);
      }
      if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
        Optional<Throwable> first = first(rollback.getApplicationException(), matches);
        if (first.isPresent()) {
          return first;
        }
      }
    }
    return Optional.empty();
  }
}
