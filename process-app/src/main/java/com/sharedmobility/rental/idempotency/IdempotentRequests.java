package com.sharedmobility.rental.idempotency;

import com.sharedmobility.support.errors.DatabaseUnavailable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotent_request} table: which requests with an {@code Idempotency-Key} were seen, who works on each,
 * and its first answer. In the engine's database, so every node and every restart sees the same; each statement
 * commits on its own, except {@link #bind}, which commits with the rental it started.
 */
@Repository
public class IdempotentRequests {

  private static final int CLAIM_ATTEMPTS = 3;
  private static final int CLEANUP_BATCH = 5_000;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration lease;
  private final Duration keep;
  private final java.util.Queue<DueRelease> releasesDue = new java.util.concurrent.ConcurrentLinkedQueue<>();

  public IdempotentRequests(JdbcClient jdbc, Clock clock,
                            @Value("${rental.idempotency.lease}") Duration lease,
                            @Value("${rental.idempotency.keep}") Duration keep) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.lease = lease;
    this.keep = keep;
  }

  /** Decides what a request with this key may do; the first one to come takes the row and works on it. */
  public Claim claim(String customer, String key, String fingerprint) {
    for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      IdempotentRequest request = new IdempotentRequest(customer, key, fingerprint, UUID.randomUUID().toString());
      if (insert(request, now)) {
        return new Claim.Work(request);
      }
      Optional<Row> seen = find(customer, key);
      if (seen.isEmpty()) {
        continue;
      }
      Row row = seen.get();
      if (!row.expiresAt().isAfter(now)) {
        jdbc.sql("DELETE FROM idempotent_request WHERE customer = :customer AND request_key = :key"
                + " AND expires_at = :expiresAt")
            .param("customer", customer).param("key", key).param("expiresAt", Timestamp.from(row.expiresAt()))
            .update();
        continue;
      }
      if (!row.fingerprint().equals(fingerprint)) {
        return new Claim.OtherRequest();
      }
      if (row.answer() != null) {
        return new Claim.Replay(row.answer());
      }
      if (row.lockedUntil().isAfter(now)) {
        return new Claim.InFlight();
      }
      // the attempt that held it died (its lease ran out): take over, unless another repeat was quicker. The update
      // waits for a start that bound the row and has yet to commit, so the rental is read again after it
      if (takeOver(request, row.owner(), now)) {
        String started = find(customer, key).map(Row::rentalId).orElse(null);
        return started == null ? new Claim.Work(request) : new Claim.StartedBefore(request, started);
      }
    }
    return new Claim.InFlight();
  }

  /**
   * Records, in the transaction that started it, the rental the request started: a repeat after this attempt died
   * answers with that rental instead of starting another. Fails, rolling that transaction back, when a repeat took
   * the request over meanwhile.
   */
  public void bind(IdempotentRequest request, String rentalId) {
    int bound = jdbc.sql("UPDATE idempotent_request SET rental_id = :rentalId"
            + " WHERE customer = :customer AND request_key = :key AND owner = :owner")
        .param("rentalId", rentalId).param("customer", request.customer()).param("key", request.key())
        .param("owner", request.owner())
        .update();
    if (bound != 1) {
      throw new IllegalStateException("a repeat of the request with Idempotency-Key '" + request.key()
          + "' took it over; this attempt starts nothing");
    }
  }

  /** Keeps the first answer for the repeats to come. */
  public void answer(IdempotentRequest request, StoredAnswer answer) {
    jdbc.sql("UPDATE idempotent_request SET status = :status, location = :location, content_type = :contentType,"
            + " body = :body, owner = NULL, locked_until = NULL"
            + " WHERE customer = :customer AND request_key = :key AND owner = :owner")
        .param("status", answer.status()).param("location", answer.location())
        .param("contentType", answer.contentType()).param("body", answer.body())
        .param("customer", request.customer()).param("key", request.key()).param("owner", request.owner())
        .update();
  }

  /** Forgets a request that changed nothing (refused before any work), so that a repeat does the work. */
  public void release(IdempotentRequest request) {
    jdbc.sql("DELETE FROM idempotent_request WHERE customer = :customer AND request_key = :key AND owner = :owner"
            + " AND rental_id IS NULL")
        .param("customer", request.customer()).param("key", request.key()).param("owner", request.owner())
        .update();
  }

  /**
   * A release that could not be made because the database was away is made as soon as it is back (looked at every
   * second), so that a repeat is not told "in progress" for the rest of the lease; after the lease nothing is due.
   */
  public void releaseWhenBack(IdempotentRequest request) {
    releasesDue.add(new DueRelease(request, clock.instant().plus(lease)));
  }

  @Scheduled(fixedDelay = 1_000)
  void releaseWhatIsDue() {
    for (DueRelease due : releasesDue) {
      if (!due.until().isAfter(clock.instant())) {
        releasesDue.remove(due);
        continue;
      }
      try {
        release(due.request());
        releasesDue.remove(due);
      } catch (RuntimeException stillAway) {
        if (!DatabaseUnavailable.isCauseOf(stillAway)) {
          throw stillAway;
        }
        return;
      }
    }
  }

  private record DueRelease(IdempotentRequest request, Instant until) {
  }

  /**
   * Keys are kept for {@code rental.idempotency.keep} (24 hours); then a repeat is a new request. Deletes through the
   * index on {@code expires_at}, {@value #CLEANUP_BATCH} rows a statement, so that a backlog (a node that was down
   * for hours) never makes one long transaction.
   */
  @Scheduled(fixedDelayString = "${rental.idempotency.cleanup-interval}",
      initialDelayString = "${rental.idempotency.cleanup-interval}")
  public int removeExpired() {
    Timestamp now = Timestamp.from(clock.instant());
    int removed = 0;
    int batch;
    do {
      batch = jdbc.sql("DELETE FROM idempotent_request WHERE (customer, request_key) IN (SELECT customer, request_key"
              + " FROM idempotent_request WHERE expires_at < :now ORDER BY expires_at LIMIT :batch)")
          .param("now", now).param("batch", CLEANUP_BATCH)
          .update();
      removed += batch;
    } while (batch == CLEANUP_BATCH);
    return removed;
  }

  private boolean insert(IdempotentRequest request, Instant now) {
    try {
      jdbc.sql("INSERT INTO idempotent_request (customer, request_key, fingerprint, owner, locked_until, created_at,"
              + " expires_at) VALUES (:customer, :key, :fingerprint, :owner, :lockedUntil, :now, :expiresAt)")
          .param("customer", request.customer()).param("key", request.key())
          .param("fingerprint", request.fingerprint()).param("owner", request.owner())
          .param("lockedUntil", Timestamp.from(now.plus(lease))).param("now", Timestamp.from(now))
          .param("expiresAt", Timestamp.from(now.plus(keep)))
          .update();
      return true;
    } catch (DuplicateKeyException seenBefore) {
      return false;
    }
  }

  private boolean takeOver(IdempotentRequest request, String previousOwner, Instant now) {
    return jdbc.sql("UPDATE idempotent_request SET owner = :owner, locked_until = :lockedUntil"
            + " WHERE customer = :customer AND request_key = :key AND owner = :previous AND status IS NULL")
        .param("owner", request.owner()).param("lockedUntil", Timestamp.from(now.plus(lease)))
        .param("customer", request.customer()).param("key", request.key()).param("previous", previousOwner)
        .update() == 1;
  }

  private Optional<Row> find(String customer, String key) {
    return jdbc.sql("SELECT fingerprint, owner, locked_until, rental_id, status, location, content_type, body,"
            + " expires_at FROM idempotent_request WHERE customer = :customer AND request_key = :key")
        .param("customer", customer).param("key", key)
        .query(IdempotentRequests::row).optional();
  }

  private static Row row(ResultSet rs, int rowNumber) throws SQLException {
    Timestamp lockedUntil = rs.getTimestamp("locked_until");
    int status = rs.getInt("status");
    StoredAnswer answer = rs.wasNull() ? null : new StoredAnswer(status, rs.getString("location"),
        rs.getString("content_type"), rs.getString("body"));
    return new Row(rs.getString("fingerprint"), rs.getString("owner"),
        lockedUntil == null ? Instant.MIN : lockedUntil.toInstant(), rs.getString("rental_id"), answer,
        rs.getTimestamp("expires_at").toInstant());
  }

  private record Row(String fingerprint, String owner, Instant lockedUntil, String rentalId, StoredAnswer answer,
                     Instant expiresAt) {
  }
}
