package com.sharedmobility.key.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts wrong keys per vehicle in table {@code vehicle_lockout} and refuses verifications of a vehicle that took
 * too many (see {@link VerifyLockoutPolicy}). Each verification is one short transaction holding the vehicle's row
 * lock while it checks the lockout, evaluates the key and counts the outcome, so that parallel guesses on any node
 * take turns and no more than the allowed number is ever evaluated. Never sees, and so never logs, a key.
 */
@Component
class VehicleLockouts {

  private static final Logger LOG = LoggerFactory.getLogger(VehicleLockouts.class);
  /** Transactions per verification: a retry follows when a parallel first verification inserted the row first. */
  private static final int MAX_ATTEMPTS = 5;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final VerifyLockoutPolicy policy;

  VehicleLockouts(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, VerifyLockoutPolicy policy) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * Runs {@code evaluation} of a key for the vehicle unless the vehicle is locked out, and counts its outcome: an
   * empty result is a wrong key, a present one resets the vehicle's count.
   *
   * @throws VerificationLockedException while the vehicle is locked out; nothing is evaluated then
   */
  Optional<String> guard(String mobilityId, String caller, Supplier<Optional<String>> evaluation) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(tx -> guardOnce(mobilityId, caller, evaluation));
      } catch (DuplicateKeyException | ConcurrencyFailureException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        LOG.debug("concurrent first verification of vehicle {} (attempt {}), trying again", safe(mobilityId), attempt);
      }
    }
  }

  private Optional<String> guardOnce(String mobilityId, String caller, Supplier<Optional<String>> evaluation) {
    Instant now = now();
    // A locked-out vehicle is refused without taking its row lock, so that a flood of guesses during the lockout
    // does not queue up on the lock holding database connections.
    refuseIfLocked(read(mobilityId, ""), now, mobilityId, caller);
    Attempts stored = lockRow(mobilityId, now);
    refuseIfLocked(Optional.of(stored), now, mobilityId, caller);
    Optional<String> rentalId = evaluation.get();
    Attempts next = rentalId.isPresent() ? Attempts.NONE : failed(stored.currentAt(now, policy), now, mobilityId, caller);
    if (!next.equals(stored)) {
      jdbc.update("""
          UPDATE vehicle_lockout
          SET failures = ?, window_started_at = ?, locked_until = ?, lockouts = ?, updated_at = ?
          WHERE mobility_id = ?""",
          next.failures(), timestamp(next.windowStartedAt()), timestamp(next.lockedUntil()), next.lockouts(),
          timestamp(now), mobilityId);
    }
    return rentalId;
  }

  private Attempts failed(Attempts current, Instant now, String mobilityId, String caller) {
    int failures = current.failures() + 1;
    Instant windowStart = current.failures() == 0 ? now : current.windowStartedAt();
    LOG.warn("wrong key for vehicle {} by {}: {} of {} wrong keys allowed within {}", safe(mobilityId), caller,
        failures, policy.maxFailures(), policy.failureWindow());
    if (failures < policy.maxFailures()) {
      return new Attempts(failures, windowStart, null, current.lockouts());
    }
    int lockouts = current.lockouts() + 1;
    Duration lockout = policy.lockoutNumber(lockouts);
    LOG.warn("vehicle {} locked out for {} after {} wrong keys, the last by {} (lockout {} since the last correct key)",
        safe(mobilityId), lockout, failures, caller, lockouts);
    return new Attempts(failures, windowStart, now.plus(lockout), lockouts);
  }

  private static void refuseIfLocked(Optional<Attempts> attempts, Instant now, String mobilityId, String caller) {
    if (attempts.isPresent() && attempts.get().lockedAt(now)) {
      Duration left = Duration.between(now, attempts.get().lockedUntil());
      LOG.debug("verification for vehicle {} by {} refused: locked out for another {}", safe(mobilityId), caller, left);
      throw new VerificationLockedException(left);
    }
  }

  /** The vehicle's row, locked until the transaction ends; inserted when the vehicle is verified for the first time. */
  private Attempts lockRow(String mobilityId, Instant now) {
    Optional<Attempts> row = read(mobilityId, " FOR UPDATE");
    if (row.isPresent()) {
      return row.get();
    }
    // a parallel insert of the same vehicle waits for this one and then fails: guard() tries again and finds the row
    jdbc.update("INSERT INTO vehicle_lockout (mobility_id, failures, lockouts, updated_at) VALUES (?, 0, 0, ?)",
        mobilityId, timestamp(now));
    return Attempts.NONE;
  }

  private Optional<Attempts> read(String mobilityId, String lock) {
    List<Attempts> rows = jdbc.query(
        "SELECT failures, window_started_at, locked_until, lockouts FROM vehicle_lockout WHERE mobility_id = ?" + lock,
        VehicleLockouts::attempts, mobilityId);
    return rows.stream().findFirst();
  }

  private static Attempts attempts(ResultSet row, int rowNum) throws SQLException {
    return new Attempts(row.getInt("failures"), instant(row, "window_started_at"), instant(row, "locked_until"),
        row.getInt("lockouts"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static SqlParameterValue timestamp(Instant instant) {
    return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
        instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /** The vehicle id as sent by the caller, without line breaks or other control characters that could forge logs. */
  private static String safe(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }

  /** Truncated to what the database stores. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The stored count of one vehicle. */
  record Attempts(int failures, Instant windowStartedAt, Instant lockedUntil, int lockouts) {

    static final Attempts NONE = new Attempts(0, null, null, 0);

    boolean lockedAt(Instant now) {
      return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** What still counts at {@code now}: a lockout that has ended or a window that has passed starts a new count. */
    Attempts currentAt(Instant now, VerifyLockoutPolicy policy) {
      boolean lockoutOver = lockedUntil != null && !now.isBefore(lockedUntil);
      boolean windowOver = windowStartedAt != null && !now.isBefore(windowStartedAt.plus(policy.failureWindow()));
      return lockoutOver || windowOver ? new Attempts(0, null, null, lockouts) : this;
    }
  }
}
