package com.sharedmobility.support.logging;

import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Puts the rental id into the logging context (MDC key {@value #KEY}) so every line written for a rental carries
 * it: in the plain pattern ({@code logging.pattern.correlation}) and as a field of structured (JSON) logs.
 */
public final class RentalLogContext implements AutoCloseable {

  public static final String KEY = "rentalId";
  /** Rental ids are UUIDs; anything else (a probe, an attack) is not copied into the log. */
  private static final Pattern RENTAL_ID = Pattern.compile("[0-9a-fA-F-]{36}");

  private final boolean put;

  private RentalLogContext(boolean put) {
    this.put = put;
  }

  /** Use with try-with-resources: the id stays in the context until closed. */
  public static RentalLogContext of(String rentalId) {
    boolean valid = rentalId != null && RENTAL_ID.matcher(rentalId).matches();
    if (valid) {
      MDC.put(KEY, rentalId);
    }
    return new RentalLogContext(valid);
  }

  @Override
  public void close() {
    if (put) {
      MDC.remove(KEY);
    }
  }
}
