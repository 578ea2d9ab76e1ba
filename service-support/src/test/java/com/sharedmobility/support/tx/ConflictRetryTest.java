package com.sharedmobility.support.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class ConflictRetryTest {

  private final CountingTransactions transactions = new CountingTransactions();
  private final ConflictRetry retry = new ConflictRetry(new TransactionTemplate(transactions), 3,
      e -> e instanceof OptimisticLockingFailureException);
  private final AtomicInteger calls = new AtomicInteger();

  @Test
  void aConflictIsTriedAgainInANewTransaction() {
    String result = retry.execute("test", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new OptimisticLockingFailureException("concurrent update");
      }
      return "done";
    });

    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
    assertThat(transactions.begun).hasValue(3);
    assertThat(transactions.rolledBack).hasValue(2);
    assertThat(transactions.committed).hasValue(1);
  }

  @Test
  void theLastConflictIsThrownWhenEveryAttemptCollided() {
    assertThatThrownBy(() -> retry.execute("test", () -> {
      throw new OptimisticLockingFailureException("conflict " + calls.incrementAndGet());
    })).isInstanceOf(OptimisticLockingFailureException.class).hasMessage("conflict 3");

    assertThat(transactions.rolledBack).hasValue(3);
    assertThat(transactions.committed).hasValue(0);
  }

  @Test
  void anyOtherFailureIsThrownAtOnce() {
    assertThatThrownBy(() -> retry.execute("test", () -> {
      calls.incrementAndGet();
      throw new IllegalStateException("not a conflict");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(calls).hasValue(1);
  }

  @Test
  void anInterruptedPauseGivesUpWithTheConflict() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> retry.execute("test", () -> {
        calls.incrementAndGet();
        throw new OptimisticLockingFailureException("conflict");
      })).isInstanceOf(OptimisticLockingFailureException.class);

      assertThat(calls).hasValue(1);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  /** Counts what a transaction template asks of its manager. */
  private static final class CountingTransactions implements PlatformTransactionManager {

    final AtomicInteger begun = new AtomicInteger();
    final AtomicInteger committed = new AtomicInteger();
    final AtomicInteger rolledBack = new AtomicInteger();

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) {
      begun.incrementAndGet();
      return new SimpleTransactionStatus();
    }

    @Override
    public void commit(TransactionStatus status) {
      committed.incrementAndGet();
    }

    @Override
    public void rollback(TransactionStatus status) {
      rolledBack.incrementAndGet();
    }
  }
}
