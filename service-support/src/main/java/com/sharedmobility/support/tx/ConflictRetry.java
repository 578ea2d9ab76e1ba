package com.sharedmobility.support.tx;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction, and again in a new one when it collided with a concurrent transaction on the same
 * rows (the new attempt sees what the other committed). A short random pause keeps the two from colliding again
 * in lockstep.
 */
public final class ConflictRetry {

  private static final Logger LOG = LoggerFactory.getLogger(ConflictRetry.class);

  private final TransactionTemplate transaction;
  private final int maxAttempts;
  private final Predicate<? super RuntimeException> isConflict;

  /**
   * @param isConflict which failures another attempt can resolve (optimistic locking, serialization failures,
   *     a concurrent insert of the same key); anything else is thrown at once
   */
  public ConflictRetry(TransactionTemplate transaction, int maxAttempts, Predicate<? super RuntimeException> isConflict) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    this.transaction = transaction;
    this.maxAttempts = maxAttempts;
    this.isConflict = isConflict;
  }

  /**
   * @param what for the log, e.g. "cancelling rental 42"
   * @throws RuntimeException the last conflict when every attempt collided, or the first other failure
   */
  public <T> T execute(String what, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> work.get());
      } catch (RuntimeException e) {
        if (attempt >= maxAttempts || !isConflict.test(e)) {
          throw e;
        }
        LOG.debug("{}: collided with a concurrent transaction (attempt {} of {}), trying again", what, attempt,
            maxAttempts);
        pause(attempt, e);
      }
    }
  }

  private static void pause(int attempt, RuntimeException conflict) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw conflict;
    }
  }
}
