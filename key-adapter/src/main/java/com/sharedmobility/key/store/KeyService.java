package com.sharedmobility.key.store;

import com.sharedmobility.support.errors.Causes;
import com.sharedmobility.support.tx.ConflictRetry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues, revokes and verifies rental keys. Every operation is keyed by rental id and safe to repeat, because
 * external tasks are delivered at least once.
 */
@Service
public class KeyService {

  /** Draws per issue before giving up; a collision needs another live key with the same code on the vehicle. */
  private static final int MAX_DRAWS = 100;
  /** Transactions per call: a retry resolves a conflict with a concurrent issue or revoke of the rental or vehicle. */
  private static final int MAX_ATTEMPTS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(KeyService.class);
  /** A rental id: the UUID process-app gave the rental. */
  public static final String RENTAL_ID_PATTERN =
      "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}";
  private static final Pattern UUID = Pattern.compile(RENTAL_ID_PATTERN);
  /**
   * A vehicle id as the catalogue spells them: letters, digits, - and _ (column limit 100). Nothing else reaches the
   * database or the log: a NUL byte failed the query, a line break forged log lines.
   */
  public static final String MOBILITY_ID_PATTERN = "[A-Za-z0-9_-]{1,100}";
  private static final Pattern MOBILITY_ID = Pattern.compile(MOBILITY_ID_PATTERN);
  private static final int CODE_SPACE = 10_000;
  /** serialization failure, deadlock, unique violation (a concurrent insert of the same rental: key or tombstone) */
  private static final Set<String> CONFLICT_SQL_STATES = Set.of("40001", "40P01", "23505");

  private final RentalKeyRepository keys;
  private final KeyCodeGenerator codes;
  private final Clock clock;
  private final VehicleLockouts lockouts;
  /** Serializable, so that two issues for the same vehicle cannot both miss each other's code. */
  private final ConflictRetry serializable;
  private final Duration validityMargin;

  /**
   * @param validityMargin added to every key's validity: the rental's time starts when the engine takes the
   *     completed task, after the key was issued (seconds later when the task was redelivered under load); the
   *     process revokes the key when the rental's time is up, so the margin only covers that gap
   */
  KeyService(RentalKeyRepository keys, KeyCodeGenerator codes, Clock clock, VehicleLockouts lockouts,
      PlatformTransactionManager transactions, @Value("${key.validity-margin}") Duration validityMargin) {
    if (validityMargin.isNegative()) {
      throw new IllegalArgumentException("key.validity-margin must not be negative, not " + validityMargin);
    }
    this.keys = keys;
    this.codes = codes;
    this.clock = clock;
    this.lockouts = lockouts;
    this.validityMargin = validityMargin;
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    transaction.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
    // a conflict with a concurrent issue or revoke of the same rental or vehicle
    this.serializable = new ConflictRetry(transaction, MAX_ATTEMPTS, KeyService::isWriteConflict);
  }

  /**
   * Returns the code of the rental's live key, issuing one valid for {@code validity} (plus the margin) from now
   * when the rental has none yet.
   *
   * @throws KeyNotIssuableException when the rental's key was revoked or has expired
   * @throws InvalidKeyRequestException when the arguments can never lead to a key
   */
  public String issue(String rentalId, String mobilityId, Duration validity) {
    requireRentalId(rentalId);
    requireMobilityId(mobilityId);
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new InvalidKeyRequestException("the validity of a key must be a positive duration, not " + validity);
    }
    return serializable.execute("issuing the key of rental " + rentalId, () -> issueOnce(rentalId, mobilityId, validity));
  }

  /**
   * Registers the code an operator chose as the rental's key, valid for {@code validity} (plus the margin) from
   * now. Idempotent for the same code; an expired key of the rental is replaced, as the operator decided. A revoked
   * one is not: a revoke means the rental was cancelled or has ended.
   *
   * @throws KeyRejectedException when the code is not 4 digits, opens another live rental of the vehicle, or the
   *     rental already holds another live key
   * @throws KeyNotIssuableException when the rental's key was revoked, or a revoke came before any key
   */
  public String register(String rentalId, String mobilityId, String code, Duration validity) {
    requireRentalId(rentalId);
    requireMobilityId(mobilityId);
    if (code == null || !code.matches("\\d{4}")) {
      throw new KeyRejectedException("a key is exactly 4 digits");
    }
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new InvalidKeyRequestException("the validity of a key must be a positive duration, not " + validity);
    }
    return serializable.execute("registering the key of rental " + rentalId,
        () -> registerOnce(rentalId, mobilityId, code, validity));
  }

  private String registerOnce(String rentalId, String mobilityId, String code, Duration validity) {
    Instant now = now();
    Optional<RentalKey> existing = keys.findById(rentalId);
    if (existing.isPresent() && existing.get().getStatus() == KeyStatus.REVOKED) {
      throw notIssuable(existing.get(), now);
    }
    if (existing.isPresent() && existing.get().isLiveAt(now)) {
      if (existing.get().getCode().equals(code)) {
        return code;
      }
      throw new KeyRejectedException("rental " + rentalId + " already holds another live key");
    }
    if (keys.findLiveCodes(mobilityId, now).contains(code)) {
      throw new KeyRejectedException("this key already opens another rental of vehicle " + mobilityId);
    }
    existing.ifPresent(keys::delete);
    keys.flush();
    keys.saveAndFlush(new RentalKey(rentalId, mobilityId, code, now, validUntil(now, validity)));
    LOG.info("registered the key an operator chose for rental {} and vehicle {}", rentalId, mobilityId);
    return code;
  }

  /**
   * Revokes the rental's key; returns whether a key was revoked now, false when it already was or there was none.
   * A rental without key is left a tombstone, so that an issue which comes later (a worker that fetched its task
   * before a cancel) makes none: after a revoke the rental never has a live key, whichever commits first.
   */
  public boolean revoke(String rentalId) {
    requireRentalId(rentalId);
    return serializable.execute("revoking the key of rental " + rentalId, () -> revokeOnce(rentalId));
  }

  private boolean revokeOnce(String rentalId) {
    Instant now = now();
    if (keys.revoke(rentalId, now) > 0) {
      return true;
    }
    if (keys.existsById(rentalId)) {
      return false;
    }
    keys.saveAndFlush(RentalKey.tombstone(rentalId, now));
    LOG.info("revoked rental {} before it had a key: it never gets one", rentalId);
    return false;
  }

  /**
   * Makes the rental's key last {@code validity} from its issue: what an extension of the rental asks. A key only
   * gains time, so a repeat changes nothing; a revoked key, or a rental without one, stays as it is.
   *
   * @return whether the rental holds a key that is not revoked, now lasting at least that long
   */
  public boolean extend(String rentalId, Duration validity) {
    requireRentalId(rentalId);
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new InvalidKeyRequestException("the validity of a key must be a positive duration, not " + validity);
    }
    return serializable.execute("extending the key of rental " + rentalId, () -> {
      Optional<RentalKey> key = keys.findById(rentalId).filter(k -> k.getStatus() == KeyStatus.ISSUED);
      key.ifPresent(k -> {
        k.validAtLeastUntil(validUntil(k.getIssuedAt(), validity));
        keys.saveAndFlush(k);
      });
      return key.isPresent();
    });
  }

  /**
   * The rental whose live key for the vehicle has this code; empty for revoked, expired and unknown keys. Every
   * empty answer counts as a wrong key of the vehicle; too many of them lock the vehicle out for a while.
   *
   * @param caller who asks (account and address), for the log of wrong keys and lockouts
   * @throws VerificationLockedException while the vehicle is locked out, whatever the code
   * @throws InvalidKeyRequestException when the vehicle id can never have a key
   */
  public Optional<String> verify(String mobilityId, String code, String caller) {
    requireMobilityId(mobilityId);
    return lockouts.guard(mobilityId, caller, () -> {
      Instant now = now();
      return keys.findLive(mobilityId, code, now).filter(key -> opens(key, now)).map(RentalKey::getRentalId);
    });
  }

  /**
   * Revokes the rental's key unless it ever opened the vehicle: what a cancel asks. A rental without key is left a
   * tombstone, as by {@link #revoke}. Takes turns with {@link #verify} on the key's row, so the two never both win.
   *
   * @return empty when the key is withdrawn (now or before, or none ever existed); the time of the first unlock when
   *     the key opened the vehicle, and then it stays as it is
   */
  public Optional<Instant> withdraw(String rentalId) {
    requireRentalId(rentalId);
    return serializable.execute("withdrawing the key of rental " + rentalId, () -> {
      Optional<Instant> unlocked = keys.findById(rentalId).map(RentalKey::getFirstUnlockedAt);
      if (unlocked.isEmpty()) {
        revokeOnce(rentalId);
      }
      return unlocked;
    });
  }

  /**
   * A live key opens the vehicle; its first unlock is recorded once. The conditional update waits for a withdrawal
   * of the same key that is under way: when that revoked it, the key no longer opens anything.
   */
  private boolean opens(RentalKey key, Instant now) {
    if (key.getFirstUnlockedAt() != null || keys.markFirstUnlock(key.getRentalId(), now) == 1) {
      return true;
    }
    return keys.findById(key.getRentalId()).filter(k -> k.getFirstUnlockedAt() != null && k.isLiveAt(now))
        .isPresent();
  }

  @Transactional(readOnly = true)
  public Optional<KeySummary> find(String rentalId) {
    Instant now = now();
    return keys.findById(rentalId).map(key -> KeySummary.of(key, now));
  }

  private String issueOnce(String rentalId, String mobilityId, Duration validity) {
    Instant now = now();
    Optional<RentalKey> existing = keys.findById(rentalId);
    if (existing.isPresent()) {
      String code = codeOfExisting(existing.get(), mobilityId, now);
      // a redelivery after a worker died: the rental's time starts when this delivery completes, not before (also
      // for a key that ran out meanwhile: it was never handed over)
      existing.get().validAtLeastUntil(validUntil(now, validity));
      keys.saveAndFlush(existing.get());
      return code;
    }
    String code = freeCode(mobilityId, now);
    keys.saveAndFlush(new RentalKey(rentalId, mobilityId, code, now, validUntil(now, validity)));
    LOG.info("issued the key of rental {} for vehicle {}", rentalId, mobilityId);
    return code;
  }

  private Instant validUntil(Instant now, Duration validity) {
    return now.plus(validity).plus(validityMargin);
  }

  /**
   * The code of the rental's key when its issue task comes again. A revoked key stays revoked. A key that ran out
   * was never handed over: an issue task is open only until the engine has the key, and the rental's time starts
   * then, so the caller extends it (a worker died after issuing, and the task came back after the key's
   * validity, e.g. behind a backlog) unless another live key of the vehicle has taken its code meanwhile.
   */
  private String codeOfExisting(RentalKey key, String mobilityId, Instant now) {
    if (key.getStatus() == KeyStatus.REVOKED) {
      throw notIssuable(key, now);
    }
    if (!key.getMobilityId().equals(mobilityId)) {
      throw new InvalidKeyRequestException("rental " + key.getRentalId() + " already holds a key for vehicle "
          + key.getMobilityId() + ", not " + mobilityId);
    }
    if (!key.isLiveAt(now) && keys.findLiveCodes(mobilityId, now).contains(key.getCode())) {
      throw new KeyNotIssuableException("the key of rental " + key.getRentalId() + " ran out before it was handed"
          + " over, and vehicle " + mobilityId + " has another live key with its code now");
    }
    return key.getCode();
  }

  private static KeyNotIssuableException notIssuable(RentalKey key, Instant now) {
    return key.isTombstone()
        ? new KeyNotIssuableException("rental " + key.getRentalId() + " was revoked (cancelled or ended) at "
            + key.getRevokedAt() + ", before it had a key: it never gets one")
        : new KeyNotIssuableException(key.getRentalId(), key.stateAt(now));
  }

  private String freeCode(String mobilityId, Instant now) {
    Set<String> taken = keys.findLiveCodes(mobilityId, now);
    if (taken.size() < CODE_SPACE) {
      for (int draw = 0; draw < MAX_DRAWS; draw++) {
        String code = codes.nextCode();
        if (!taken.contains(code)) {
          return code;
        }
      }
    }
    throw new KeyNotIssuableException("no free key code for vehicle " + mobilityId + " (" + taken.size()
        + " live keys)");
  }

  /** Conflicts with a concurrent transaction: a new transaction sees its outcome and settles them. */
  private static boolean isWriteConflict(Throwable e) {
    return Causes.any(e, t -> t instanceof ConcurrencyFailureException
        || t instanceof SQLException sql && CONFLICT_SQL_STATES.contains(sql.getSQLState()));
  }

  private static void requireRentalId(String rentalId) {
    if (rentalId == null || !UUID.matcher(rentalId).matches()) {
      throw new InvalidKeyRequestException("a rental id must be a UUID, not '" + rentalId + "'");
    }
  }

  private static void requireMobilityId(String mobilityId) {
    if (mobilityId == null || !MOBILITY_ID.matcher(mobilityId).matches()) {
      throw new InvalidKeyRequestException("a mobility id must be 1 to 100 letters, digits, - and _");
    }
  }

  /** Truncated to what the database stores, so that what is returned equals what is read back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
