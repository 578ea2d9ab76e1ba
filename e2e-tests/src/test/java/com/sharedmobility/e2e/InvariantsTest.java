package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.e2e.StackData.Key;
import com.sharedmobility.e2e.StackData.LedgerEntry;
import com.sharedmobility.e2e.StackData.Rental;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The invariant checker on hand-made data, for the row kinds of the key store: a key, and the tombstone a revoke
 * leaves for a rental that had no key yet (no code, never live).
 */
class InvariantsTest {

  private static final Instant T = Instant.parse("2026-11-25T20:00:00Z");
  private static final BigDecimal AMOUNT = new BigDecimal("48.00");

  private final Map<String, Rental> rentals = new LinkedHashMap<>();
  private final Map<String, List<LedgerEntry>> ledger = new LinkedHashMap<>();
  private final Map<String, Key> keys = new LinkedHashMap<>();

  @Test
  void aCancelledRentalWhoseRevokeLeftATombstoneBeforeTheRefundIsConsistent() {
    String id = cancelledAndRefundedAt(T.plusSeconds(2));
    keys.put(id, tombstone(id, T.plusSeconds(1)));

    Invariants.Result result = check();

    assertThat(result.holds()).as(result.violationDetails()).isTrue();
    assertThat(result.figures()).containsEntry("rentals revoked before they had a key (tombstones)", 1L)
        .containsEntry("keys: live / expired, not revoked / revoked", "0 / 0 / 0");
  }

  /**
   * A tombstone written after the refund means the revoke ran after it: a key issued between the two would have been
   * usable with the money already back. The cancel of a KEY_PENDING rental must revoke (tombstone) first.
   */
  @Test
  void aTombstoneAfterTheRefundIsARefundBeforeRevoke() {
    String id = cancelledAndRefundedAt(T.plusSeconds(2));
    keys.put(id, tombstone(id, T.plusSeconds(3)));

    assertThat(check().violations().get(Invariants.REFUND_BEFORE_REVOKE)).extracting(Invariants.Violation::rentalId)
        .containsExactly(id);
  }

  @Test
  void aKeyRevokedAfterTheRefundIsStillAViolation() {
    String id = cancelledAndRefundedAt(T.plusSeconds(2));
    keys.put(id, new Key(id, "bike-01", "1234", "REVOKED", T.plusSeconds(3), T.plusSeconds(3600),
        T.plusSeconds(4)));

    assertThat(check().violations().get(Invariants.REFUND_BEFORE_REVOKE)).extracting(Invariants.Violation::rentalId)
        .containsExactly(id);
  }

  @Test
  void moneyReleasedWhileTheKeyStillOpenedTheVehicleIsAViolationOnceTheKeyWasDeadItIsNot() {
    String early = cancelledAndRefundedAt(T.plusSeconds(2));
    keys.put(early, new Key(early, "bike-01", "1234", "REVOKED", T, T.plusSeconds(3600), T.plusSeconds(5)));
    String inOrder = cancelledAndRefundedAt(T.plusSeconds(6));
    keys.put(inOrder, new Key(inOrder, "bike-02", "4321", "REVOKED", T, T.plusSeconds(3600), T.plusSeconds(5)));

    assertThat(check().violations().get(Invariants.RELEASED_WHILE_KEY_VALID))
        .extracting(Invariants.Violation::rentalId).containsExactly(early);
  }

  @Test
  void anActiveRentalWithATombstoneHasNoKey() {
    String id = UUID.randomUUID().toString();
    rentals.put(id, new Rental(id, "alice", "bike-01", 1, "ACTIVE", "CHARGED", "1234", T, T));
    ledger.put(id, List.of(new LedgerEntry(1, id, "CHARGE", AMOUNT, T)));
    keys.put(id, tombstone(id, T.plusSeconds(1)));

    assertThat(check().violations().get(Invariants.ACTIVE_WITHOUT_KEY)).extracting(Invariants.Violation::detail)
        .singleElement().asString().contains("before it had one");
  }

  @Test
  void theRentalsOfATestIncludeOneKnownOnlyByItsTombstone() {
    String id = UUID.randomUUID().toString();
    keys.put(id, tombstone(id, T.plusSeconds(1)));

    assertThat(data().since(T).keys()).containsOnlyKeys(id);
    assertThat(data().since(T.plusSeconds(2)).keys()).isEmpty();
  }

  @Test
  void aRentalReturnedEarlyKeepsThePriceOfItsHoursAndGivesBackTheRestAfterTheRevoke() {
    String returned = completedWithRefund("40.00", T.plusSeconds(6));
    keys.put(returned, new Key(returned, "bike-01", "1234", "REVOKED", T, T.plusSeconds(3600), T.plusSeconds(5)));
    String givenAway = completedWithRefund("48.00", T.plusSeconds(6));
    keys.put(givenAway, new Key(givenAway, "bike-02", "4321", "REVOKED", T, T.plusSeconds(3600), T.plusSeconds(5)));
    String tooMuch = completedWithRefund("48.01", T.plusSeconds(6));
    keys.put(tooMuch, new Key(tooMuch, "bike-03", "5678", "REVOKED", T, T.plusSeconds(3600), T.plusSeconds(5)));

    Invariants.Result result = check();

    assertThat(result.violations().get(Invariants.RIDE_WITHOUT_MONEY)).extracting(Invariants.Violation::rentalId)
        .containsExactlyInAnyOrder(givenAway, tooMuch);
    assertThat(result.violations().get(Invariants.REFUND_MISMATCH)).extracting(Invariants.Violation::rentalId)
        .containsExactly(tooMuch);
    assertThat(result.violations().get(Invariants.REFUND_BEFORE_REVOKE)).isEmpty();
  }

  @Test
  void aCancelledExtendedRentalGetsItsChargeAndItsExtensionsBackLessTheOneReleased() {
    String id = UUID.randomUUID().toString();
    rentals.put(id, new Rental(id, "bob", "bike-01", 22, "CANCELLED", "REFUNDED", null, T, T.plusSeconds(9)));
    ledger.put(id, List.of(new LedgerEntry(1, id, "CHARGE", AMOUNT, T),
        new LedgerEntry(2, id, "EXTENSION", new BigDecimal("4.00"), T.plusSeconds(1), "ext-1"),
        new LedgerEntry(3, id, "EXTENSION", new BigDecimal("2.00"), T.plusSeconds(2), "ext-2"),
        new LedgerEntry(4, id, "REFUND", new BigDecimal("2.00"), T.plusSeconds(3), "ext-2"),
        new LedgerEntry(5, id, "REFUND", new BigDecimal("52.00"), T.plusSeconds(9))));
    keys.put(id, new Key(id, "bike-01", "1234", "REVOKED", T, T.plusSeconds(3600), T.plusSeconds(8)));

    Invariants.Result result = check();

    assertThat(result.holds()).as(result.violationDetails()).isTrue();
  }

  private String completedWithRefund(String refund, Instant refunded) {
    String id = UUID.randomUUID().toString();
    rentals.put(id, new Rental(id, "bob", "bike-01", 24, "COMPLETED", "PARTLY_REFUNDED", null, T, refunded));
    ledger.put(id, List.of(new LedgerEntry(1, id, "CHARGE", AMOUNT, T),
        new LedgerEntry(2, id, "REFUND", new BigDecimal(refund), refunded)));
    return id;
  }

  private String cancelledAndRefundedAt(Instant refunded) {
    String id = UUID.randomUUID().toString();
    rentals.put(id, new Rental(id, "bob", "bike-01", 1, "CANCELLED", "REFUNDED", null, T, refunded));
    ledger.put(id, List.of(new LedgerEntry(1, id, "CHARGE", AMOUNT, T),
        new LedgerEntry(2, id, "REFUND", AMOUNT, refunded)));
    return id;
  }

  private static Key tombstone(String rentalId, Instant revokedAt) {
    return new Key(rentalId, null, null, "REVOKED", null, null, revokedAt);
  }

  private Invariants.Result check() {
    return Invariants.check(data(), Duration.ofSeconds(15));
  }

  private StackData data() {
    return new StackData(rentals, Map.of(), ledger, keys, T.plusSeconds(60));
  }
}
