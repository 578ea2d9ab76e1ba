package com.sharedmobility.key.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sharedmobility.key.PostgresBackedTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The key store on PostgreSQL: one key per rental, unique live codes per vehicle, expiry and revocation. */
class KeyServiceTest extends PostgresBackedTest {

  private static final Duration TWO_HOURS = Duration.ofHours(2);

  @Autowired
  private KeyService keys;
  @Autowired
  private JdbcTemplate jdbc;

  @Nested
  class Issuing {

    @Test
    void issuesAFourDigitKeyValidForTheRentalDuration() {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();

      String code = keys.issue(rentalId, mobilityId, TWO_HOURS);

      assertThat(code).matches("\\d{4}");
      KeySummary key = keys.find(rentalId).orElseThrow();
      assertThat(key.mobilityId()).isEqualTo(mobilityId);
      assertThat(key.state()).isEqualTo(KeyState.ISSUED);
      assertThat(key.issuedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
      assertThat(key.validUntil()).isEqualTo(key.issuedAt().plus(TWO_HOURS));
      assertThat(key.revokedAt()).isNull();
    }

    @Test
    void issuingAgainForTheSameRentalReturnsTheSameKeyAndStoresNoSecond() {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();

      String first = keys.issue(rentalId, mobilityId, TWO_HOURS);
      clock.advance(Duration.ofMinutes(1));
      String second = keys.issue(rentalId, mobilityId, TWO_HOURS);

      assertThat(second).isEqualTo(first);
      assertThat(rowsOf(rentalId)).isEqualTo(1);
      assertThat(keys.find(rentalId).orElseThrow().validUntil())
          .as("a redelivery lasts the whole rental, which starts when the redelivered task completes")
          .isEqualTo(keys.find(rentalId).orElseThrow().issuedAt().plus(Duration.ofMinutes(1)).plus(TWO_HOURS));
    }

    @Test
    void redrawsACodeThatAnotherLiveKeyOfTheVehicleHolds() {
      String mobilityId = newMobilityId();
      codes.script("0042");
      assertThat(keys.issue(newRentalId(), mobilityId, TWO_HOURS)).isEqualTo("0042");

      codes.reset();
      codes.script("0042", "0042", "0043");
      String second = keys.issue(newRentalId(), mobilityId, TWO_HOURS);

      assertThat(second).isEqualTo("0043");
      assertThat(codes.draws()).isEqualTo(3);
    }

    @Test
    void anotherVehicleMayUseTheSameCode() {
      codes.script("0042", "0042");

      assertThat(keys.issue(newRentalId(), newMobilityId(), TWO_HOURS)).isEqualTo("0042");
      assertThat(keys.issue(newRentalId(), newMobilityId(), TWO_HOURS)).isEqualTo("0042");
    }

    @Test
    void theCodeOfAnExpiredOrRevokedKeyIsFreeAgain() {
      String mobilityId = newMobilityId();
      String expired = newRentalId();
      String revoked = newRentalId();
      codes.script("0007");
      keys.issue(expired, mobilityId, Duration.ofMinutes(10));
      clock.advance(Duration.ofMinutes(11));
      codes.script("0007");
      keys.issue(revoked, mobilityId, TWO_HOURS);
      keys.revoke(revoked);

      String current = newRentalId();
      codes.script("0007");
      assertThat(keys.issue(current, mobilityId, TWO_HOURS)).isEqualTo("0007");

      assertThat(keys.verify(mobilityId, "0007", "test")).contains(current);
    }

    @Test
    void neverResurrectsARevokedKey() {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();
      keys.issue(rentalId, mobilityId, TWO_HOURS);
      keys.revoke(rentalId);

      assertThatThrownBy(() -> keys.issue(rentalId, mobilityId, TWO_HOURS))
          .isInstanceOf(KeyNotIssuableException.class)
          .hasMessageContaining(rentalId)
          .hasMessageContaining("REVOKED");
      assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.REVOKED);
    }

    /**
     * An issue task that comes again after its key ran out: the worker that issued it died before the engine had
     * it (the kill -9 test under load found this: the task came back 41 s later, behind a backlog, and the rental
     * went to the manual task). The key was never handed over, so its time had not started: it gets it now.
     */
    @Test
    void renewsAKeyThatRanOutBeforeItWasHandedOver() {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();
      String code = keys.issue(rentalId, mobilityId, Duration.ofSeconds(4));
      clock.advance(Duration.ofSeconds(5));

      assertThat(keys.issue(rentalId, mobilityId, TWO_HOURS)).isEqualTo(code);
      assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.ISSUED);
      assertThat(keys.verify(mobilityId, code, "test")).hasValue(rentalId);
    }

    @Test
    void neverRenewsAKeyThatRanOutWhenItsCodeIsAnotherLiveKeysNow() {
      String mobilityId = newMobilityId();
      String ranOut = newRentalId();
      codes.reset();
      codes.script("0777", "0777");
      keys.issue(ranOut, mobilityId, Duration.ofSeconds(4));
      clock.advance(Duration.ofSeconds(5));
      String other = newRentalId();
      assertThat(keys.issue(other, mobilityId, TWO_HOURS)).isEqualTo("0777");

      assertThatThrownBy(() -> keys.issue(ranOut, mobilityId, TWO_HOURS))
          .isInstanceOf(KeyNotIssuableException.class)
          .hasMessageContaining("another live key");
      assertThat(keys.verify(mobilityId, "0777", "test")).hasValue(other);
    }

    @Test
    void refusesARentalThatHoldsAKeyForAnotherVehicle() {
      String rentalId = newRentalId();
      keys.issue(rentalId, newMobilityId(), TWO_HOURS);

      assertThatThrownBy(() -> keys.issue(rentalId, newMobilityId(), TWO_HOURS))
          .isInstanceOf(InvalidKeyRequestException.class)
          .hasMessageContaining("already holds a key for vehicle");
    }

    @Test
    void refusesArgumentsThatCanNeverMakeAKey() {
      assertThatThrownBy(() -> keys.issue("not-a-uuid", newMobilityId(), TWO_HOURS))
          .isInstanceOf(InvalidKeyRequestException.class);
      assertThatThrownBy(() -> keys.issue(newRentalId(), " ", TWO_HOURS))
          .isInstanceOf(InvalidKeyRequestException.class);
      assertThatThrownBy(() -> keys.issue(newRentalId(), "bike-01\u0000", TWO_HOURS))
          .isInstanceOf(InvalidKeyRequestException.class);
      assertThatThrownBy(() -> keys.verify("bike-01\r\nforged log line", "1234", "test"))
          .isInstanceOf(InvalidKeyRequestException.class);
      assertThatThrownBy(() -> keys.issue(newRentalId(), newMobilityId(), Duration.ZERO))
          .isInstanceOf(InvalidKeyRequestException.class);
    }

    @Test
    void concurrentDeliveriesOfOneRentalAgreeOnOneKey() throws Exception {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();

      List<String> issued = concurrently(8, () -> keys.issue(rentalId, mobilityId, TWO_HOURS));

      assertThat(new HashSet<>(issued)).hasSize(1);
      assertThat(rowsOf(rentalId)).isEqualTo(1);
    }

    @Test
    void concurrentRentalsOfOneVehicleNeverShareALiveCode() throws Exception {
      String mobilityId = newMobilityId();
      // every first draw collides, so only serialization keeps the codes apart
      codes.script("0042", "0042", "0042", "0042", "0042", "0042");

      List<String> issued = concurrently(6, () -> keys.issue(newRentalId(), mobilityId, TWO_HOURS));

      assertThat(issued).doesNotHaveDuplicates();
      assertThat(jdbc.queryForObject("select count(distinct key_code) from rental_key where mobility_id = ?",
          Integer.class, mobilityId)).isEqualTo(6);
    }
  }

  @Nested
  class Revoking {

    @Test
    void revokesOnceAndKeepsTheFirstRevocationTime() {
      String rentalId = newRentalId();
      keys.issue(rentalId, newMobilityId(), TWO_HOURS);

      assertThat(keys.revoke(rentalId)).isTrue();
      KeySummary revoked = keys.find(rentalId).orElseThrow();
      clock.advance(Duration.ofMinutes(5));

      assertThat(keys.revoke(rentalId)).isFalse();
      assertThat(keys.find(rentalId).orElseThrow()).isEqualTo(revoked);
      assertThat(revoked.state()).isEqualTo(KeyState.REVOKED);
      assertThat(revoked.revokedAt()).isNotNull();
    }

    @Test
    void revokingARentalWithoutKeyLeavesATombstoneThatNoLaterIssueGetsPast() {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();

      assertThat(keys.revoke(rentalId)).as("no key was revoked").isFalse();
      KeySummary tombstone = keys.find(rentalId).orElseThrow();
      clock.advance(Duration.ofSeconds(1));

      assertThatThrownBy(() -> keys.issue(rentalId, mobilityId, TWO_HOURS))
          .isInstanceOf(KeyNotIssuableException.class)
          .hasMessageContaining(rentalId)
          .hasMessageContaining("before it had a key");
      assertThat(keys.revoke(rentalId)).isFalse();
      assertThat(keys.find(rentalId).orElseThrow()).isEqualTo(tombstone);
      assertThat(tombstone.state()).isEqualTo(KeyState.REVOKED);
      assertThat(tombstone.revokedAt()).isEqualTo(clock.instant().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS));
      assertThat(tombstone.mobilityId()).isNull();
      assertThat(tombstone.issuedAt()).isNull();
      assertThat(rowsOf(rentalId)).isEqualTo(1);
    }

    @Test
    void concurrentRevokesOfARentalWithoutKeyLeaveOneTombstone() throws Exception {
      String rentalId = newRentalId();

      List<String> revokedNow = concurrently(6, () -> String.valueOf(keys.revoke(rentalId)));

      assertThat(revokedNow).containsOnly("false");
      assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.REVOKED);
      assertThat(rowsOf(rentalId)).isEqualTo(1);
    }
  }

  /**
   * A cancel's revoke racing a key worker that fetched the rental's issue-key task before the cancel (bug C in
   * docs/reliability.md): whichever transaction commits first, the rental ends without a live key.
   */
  @Nested
  class RevokeRacingIssue {

    @Test
    void aRevokeCommittedAfterAnIssueReadTheRentalMakesTheIssueRefuse() throws Exception {
      String rentalId = newRentalId();
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        // inside the issue's transaction, after it found no row for the rental and before it inserts its key
        codes.atNextDraw(() -> awaitDone(other.submit(() -> keys.revoke(rentalId))));

        assertThatThrownBy(() -> keys.issue(rentalId, newMobilityId(), TWO_HOURS))
            .isInstanceOf(KeyNotIssuableException.class)
            .hasMessageContaining("before it had a key");
      } finally {
        other.shutdownNow();
      }
      assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.REVOKED);
      assertThat(liveRowsOf(rentalId)).isZero();
      assertThat(codes.draws()).as("the retried issue found the tombstone and drew no code").isEqualTo(1);
    }

    /**
     * Both orders happen: in even rounds the revoke starts once the issue has read the rental and drawn its code (the
     * issue commits first, or they collide and one retries), in odd rounds the revoke commits while the issue is at
     * that point (the issue finds the tombstone). Whichever wins, no live key is left, and both outcomes are seen.
     */
    @Test
    void concurrentIssueAndRevokeOfOneRentalNeverLeaveALiveKey() throws Exception {
      int revokedKeys = 0;
      int refusedIssues = 0;
      for (int round = 0; round < 30; round++) {
        String rentalId = newRentalId();
        String mobilityId = newMobilityId();
        codes.reset();
        CountDownLatch issueAtDraw = new CountDownLatch(1);
        CountDownLatch revokeDone = new CountDownLatch(1);
        boolean issueAhead = round % 2 == 0;
        codes.atNextDraw(issueAhead ? issueAtDraw::countDown : () -> await(revokeDone));

        List<String> outcomes = concurrently(List.of(
            () -> {
              try {
                return "issued " + keys.issue(rentalId, mobilityId, TWO_HOURS);
              } catch (KeyNotIssuableException refused) {
                return "refused";
              }
            },
            () -> {
              if (issueAhead) {
                await(issueAtDraw);
              }
              try {
                return "revoked now: " + keys.revoke(rentalId);
              } finally {
                revokeDone.countDown();
              }
            }));

        KeySummary key = keys.find(rentalId).orElseThrow();
        assertThat(key.state()).as("round %d: %s", round, outcomes).isEqualTo(KeyState.REVOKED);
        assertThat(liveRowsOf(rentalId)).isZero();
        if (outcomes.get(0).equals("refused")) {
          assertThat(outcomes.get(1)).isEqualTo("revoked now: false");
          assertThat(key.issuedAt()).as("a tombstone").isNull();
          refusedIssues++;
        } else {
          assertThat(outcomes.get(1)).isEqualTo("revoked now: true");
          assertThat(key.issuedAt()).as("a revoked key").isNotNull();
          revokedKeys++;
        }
      }
      assertThat(revokedKeys).as("rounds whose issue won").isPositive();
      assertThat(refusedIssues).as("rounds whose revoke won").isPositive();
      assertThat(revokedKeys + refusedIssues).isEqualTo(30);
    }
  }

  @Nested
  class Verifying {

    @Test
    void aLiveKeyOpensItsVehicleOnly() {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();
      String code = keys.issue(rentalId, mobilityId, TWO_HOURS);

      assertThat(keys.verify(mobilityId, code, "test")).contains(rentalId);
      assertThat(keys.verify(newMobilityId(), code, "test")).isEmpty();
      assertThat(keys.verify(mobilityId, otherCode(code), "test")).isEmpty();
    }

    @Test
    void aKeyStopsWorkingWhenItsValidityEnds() {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();
      String code = keys.issue(rentalId, mobilityId, Duration.ofSeconds(4));

      clock.advance(Duration.ofMillis(3_999));
      assertThat(keys.verify(mobilityId, code, "test")).contains(rentalId);
      assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.ISSUED);

      clock.advance(Duration.ofMillis(1));
      assertThat(keys.verify(mobilityId, code, "test")).isEmpty();
      assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.EXPIRED);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();
      String code = keys.issue(rentalId, mobilityId, TWO_HOURS);

      keys.revoke(rentalId);

      assertThat(keys.verify(mobilityId, code, "test")).isEmpty();
    }
  }

  /** The first valid verify is the rental's first unlock; a cancel's withdrawal takes turns with it. */
  @Nested
  class FirstUnlock {

    @Test
    void theFirstValidVerifyIsRecordedOnceAndAWrongKeyIsNoUnlock() {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();
      String code = keys.issue(rentalId, mobilityId, TWO_HOURS);

      assertThat(keys.verify(mobilityId, otherCode(code), "test")).isEmpty();
      assertThat(keys.find(rentalId).orElseThrow().firstUnlockedAt()).isNull();
      clock.advance(Duration.ofMinutes(1));
      assertThat(keys.verify(mobilityId, code, "test")).contains(rentalId);
      Instant first = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      clock.advance(Duration.ofMinutes(1));
      assertThat(keys.verify(mobilityId, code, "test")).contains(rentalId);

      assertThat(keys.find(rentalId).orElseThrow().firstUnlockedAt()).isEqualTo(first);
    }

    @Test
    void aWithdrawalBeforeTheFirstUnlockRevokesTheKeyForGood() {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();
      String code = keys.issue(rentalId, mobilityId, TWO_HOURS);

      assertThat(keys.withdraw(rentalId)).isEmpty();

      assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.REVOKED);
      assertThat(keys.verify(mobilityId, code, "test")).isEmpty();
      assertThat(keys.withdraw(rentalId)).as("repeated").isEmpty();
      assertThat(keys.find(rentalId).orElseThrow().firstUnlockedAt()).isNull();
    }

    @Test
    void aWithdrawalAfterTheFirstUnlockIsRefusedAndTheKeyKeepsWorking() {
      String rentalId = newRentalId();
      String mobilityId = newMobilityId();
      String code = keys.issue(rentalId, mobilityId, TWO_HOURS);
      keys.verify(mobilityId, code, "test");

      assertThat(keys.withdraw(rentalId)).contains(clock.instant().truncatedTo(ChronoUnit.MILLIS));

      assertThat(keys.find(rentalId).orElseThrow().state()).isEqualTo(KeyState.ISSUED);
      assertThat(keys.verify(mobilityId, code, "test")).contains(rentalId);
    }

    @Test
    void aWithdrawalOfARentalWithoutKeyLeavesATombstoneNoLaterIssueGetsPast() {
      String rentalId = newRentalId();

      assertThat(keys.withdraw(rentalId)).isEmpty();

      assertThatThrownBy(() -> keys.issue(rentalId, newMobilityId(), TWO_HOURS))
          .isInstanceOf(KeyNotIssuableException.class);
    }

    /** A cancel and the first unlock at the same moment: exactly one of them wins, and the key agrees with it. */
    @Test
    void aWithdrawalAndAFirstUnlockAtOnceNeverBothWin() throws Exception {
      for (int round = 0; round < 30; round++) {
        String rentalId = newRentalId();
        String mobilityId = newMobilityId();
        String code = keys.issue(rentalId, mobilityId, TWO_HOURS);

        List<String> outcomes = concurrently(List.of(
            () -> keys.verify(mobilityId, code, "test").isPresent() ? "unlocked" : "refused",
            () -> keys.withdraw(rentalId).isEmpty() ? "withdrawn" : "kept"));

        KeySummary key = keys.find(rentalId).orElseThrow();
        assertThat(outcomes).as("round %d", round).isIn(List.of("unlocked", "kept"), List.of("refused", "withdrawn"));
        assertThat(key.state()).as("round %d: %s", round, outcomes)
            .isEqualTo(outcomes.get(0).equals("unlocked") ? KeyState.ISSUED : KeyState.REVOKED);
        assertThat(key.firstUnlockedAt() != null).as("round %d: %s", round, outcomes)
            .isEqualTo(outcomes.get(0).equals("unlocked"));
      }
    }
  }

  private int rowsOf(String rentalId) {
    return jdbc.queryForObject("select count(*) from rental_key where rental_id = ?", Integer.class, rentalId);
  }

  private static String otherCode(String code) {
    return "%04d".formatted((Integer.parseInt(code) + 1) % 10_000);
  }

  private int liveRowsOf(String rentalId) {
    return jdbc.queryForObject("select count(*) from rental_key where rental_id = ? and status = 'ISSUED'",
        Integer.class, rentalId);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other side of the race never came");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitDone(Future<?> work) {
    try {
      work.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> concurrently(int callers, Callable<String> call) throws Exception {
    return concurrently(Collections.nCopies(callers, call));
  }

  /** Runs the calls at once, one thread each; their results in the order of the calls. */
  private static List<String> concurrently(List<Callable<String>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (Callable<String> call : calls) {
        results.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<String> values = new ArrayList<>();
      for (Future<String> result : results) {
        values.add(result.get());
      }
      return values;
    } finally {
      pool.shutdownNow();
    }
  }
}
