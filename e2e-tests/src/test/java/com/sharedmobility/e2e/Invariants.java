package com.sharedmobility.e2e;

import com.sharedmobility.e2e.StackData.Key;
import com.sharedmobility.e2e.StackData.LedgerEntry;
import com.sharedmobility.e2e.StackData.Rental;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What must hold across the three services' data once every rental has settled, whatever crashed on the way:
 * nobody pays for nothing, nobody rides for free, no key opens a vehicle it should not, money goes back only after
 * the key stopped working. {@link #check} counts the violations of each invariant and the figures around them.
 */
public final class Invariants {

  public static final String MONEY_HELD = "money held that should not be (CHARGE without REFUND, rental not"
      + " ACTIVE/COMPLETED/KEY_PENDING or not in the read model)";
  public static final String TWO_CHARGES = "more than one CHARGE for a rental";
  public static final String TWO_REFUNDS = "more than one REFUND for a rental";
  public static final String REFUND_MISMATCH = "REFUND without a CHARGE, or of another amount (a COMPLETED rental's"
      + " return refunds less)";
  public static final String LIVE_KEY_NOT_ACTIVE = "live key (ISSUED, valid_until in the future) for a rental that"
      + " is not ACTIVE";
  public static final String ACTIVE_WITHOUT_KEY = "ACTIVE rental without exactly one live key (the one the read"
      + " model shows)";
  public static final String REFUND_BEFORE_REVOKE = "REFUND booked before the key was revoked (REFUND.booked_at <"
      + " revoked_at, or never revoked)";
  public static final String RELEASED_WHILE_KEY_VALID = "money released while the rental's key was valid (REFUND"
      + " booked before the key was revoked and before it ran out)";
  public static final String RIDE_WITHOUT_MONEY = "ACTIVE or COMPLETED rental without exactly one kept CHARGE (a"
      + " return keeps the part of it its REFUND left)";

  public static final List<String> ALL = List.of(MONEY_HELD, TWO_CHARGES, TWO_REFUNDS, REFUND_MISMATCH,
      LIVE_KEY_NOT_ACTIVE, ACTIVE_WITHOUT_KEY, REFUND_BEFORE_REVOKE, RELEASED_WHILE_KEY_VALID, RIDE_WITHOUT_MONEY);

  /** Statuses in which a charge may be kept. */
  private static final Set<String> MAY_HOLD_MONEY = Set.of("ACTIVE", "COMPLETED", "KEY_PENDING");
  public static final Set<String> SETTLED = Set.of("ACTIVE", "COMPLETED", "CANCELLED", "REJECTED");

  private Invariants() {
  }

  public record Violation(String invariant, String rentalId, String detail) {

    @Override
    public String toString() {
      return rentalId + ": " + detail;
    }
  }

  /** The violations of each invariant (every invariant present, most with none) and the figures. */
  public record Result(StackData data, Map<String, List<Violation>> violations, Map<String, Object> figures) {

    public boolean holds() {
      return violations.values().stream().allMatch(List::isEmpty);
    }

    public Set<String> rentalIdsInViolation() {
      Set<String> ids = new LinkedHashSet<>();
      violations.values().forEach(list -> list.forEach(v -> ids.add(v.rentalId())));
      return ids;
    }

    /** A Markdown table: invariant, violations. */
    public String invariantTable() {
      StringBuilder sb = new StringBuilder("| invariant | violations |\n| --- | ---: |\n");
      violations.forEach((name, list) -> sb.append("| ").append(name).append(" | ").append(list.size())
          .append(" |\n"));
      return sb.toString();
    }

    /** A Markdown table: figure, value. */
    public String figureTable() {
      StringBuilder sb = new StringBuilder("| figure | value |\n| --- | ---: |\n");
      figures.forEach((name, value) -> sb.append("| ").append(name).append(" | ").append(value).append(" |\n"));
      return sb.toString();
    }

    /** Every violation, one per line, for an assertion message. */
    public String violationDetails() {
      return violations.entrySet().stream()
          .filter(e -> !e.getValue().isEmpty())
          .map(e -> e.getKey() + ":\n    " + e.getValue().stream().map(Violation::toString)
              .collect(Collectors.joining("\n    ")))
          .collect(Collectors.joining("\n"));
    }
  }

  /**
   * Checks the invariants on one reading of the data.
   *
   * @param timeUpGrace how long an ACTIVE rental whose key has run out may wait for the process's time-up timer
   *     (the key expires by itself; the timer that completes the rental fires a moment later)
   */
  public static Result check(StackData data, Duration timeUpGrace) {
    Map<String, List<Violation>> violations = new LinkedHashMap<>();
    ALL.forEach(name -> violations.put(name, new ArrayList<>()));
    Instant t = data.keysReadAt();
    int activeTimeUp = 0;

    Set<String> moneyRentals = new LinkedHashSet<>(data.ledger().keySet());
    for (String id : moneyRentals) {
      List<LedgerEntry> charges = data.entries(id, "CHARGE");
      List<LedgerEntry> refunds = data.entries(id, "REFUND");
      Rental rental = data.rentals().get(id);
      String status = rental == null ? "not in the read model" : rental.status();
      if (!charges.isEmpty() && refunds.isEmpty() && (rental == null || !MAY_HOLD_MONEY.contains(rental.status()))) {
        violations.get(MONEY_HELD).add(new Violation(MONEY_HELD, id, "charged " + charges.get(0).amount()
            + " at " + charges.get(0).bookedAt() + ", no refund, rental " + status
            + ", payment " + statusOfPayment(data, id)));
      }
      if (charges.size() > 1) {
        violations.get(TWO_CHARGES).add(new Violation(TWO_CHARGES, id, charges.size() + " CHARGE entries " + charges));
      }
      if (refunds.size() > 1) {
        violations.get(TWO_REFUNDS).add(new Violation(TWO_REFUNDS, id, refunds.size() + " REFUND entries " + refunds));
      }
      if (!refunds.isEmpty() && (charges.isEmpty() || !refundFits(refunds.get(0), data.chargedInAll(id), rental))) {
        violations.get(REFUND_MISMATCH).add(new Violation(REFUND_MISMATCH, id, "charges " + charges
            + ", refunds " + refunds));
      }
      Key key = data.keys().get(id);
      if (!refunds.isEmpty() && key != null && !key.tombstone() && key.openedAt(refunds.get(0).bookedAt())) {
        violations.get(RELEASED_WHILE_KEY_VALID).add(new Violation(RELEASED_WHILE_KEY_VALID, id, "refund booked at "
            + refunds.get(0).bookedAt() + " while key " + key.code() + " opened the vehicle (issued "
            + key.issuedAt() + ", valid until " + key.validUntil() + ", revoked at " + key.revokedAt() + ")"));
      }
      // A tombstone too: it is the revoke of a rental that had no key, and it bars a key from coming later only if
      // it came before the refund. The model revokes first on every path that refunds, so there is no exemption.
      if (!refunds.isEmpty() && key != null
          && (key.revokedAt() == null || refunds.get(0).bookedAt().isBefore(key.revokedAt()))) {
        violations.get(REFUND_BEFORE_REVOKE).add(new Violation(REFUND_BEFORE_REVOKE, id, "refund booked at "
            + refunds.get(0).bookedAt() + ", key " + key.status() + " revoked at " + key.revokedAt()
            + " (issued " + key.issuedAt() + ", valid until " + key.validUntil() + "), rental " + status
            + (!key.tombstone() && key.issuedAt().isAfter(refunds.get(0).bookedAt())
                ? "; the key was issued after the refund: an issue-key worker finished after a cancel had"
                    + " interrupted its task" : "")));
      }
    }

    for (Key key : data.keys().values()) {
      Rental rental = data.rentals().get(key.rentalId());
      if (key.liveAt(t) && (rental == null || !"ACTIVE".equals(rental.status()))) {
        violations.get(LIVE_KEY_NOT_ACTIVE).add(new Violation(LIVE_KEY_NOT_ACTIVE, key.rentalId(), "key issued at "
            + key.issuedAt() + ", valid until " + key.validUntil() + ", rental "
            + (rental == null ? "not in the read model" : rental.status() + " since " + rental.updatedAt())));
      }
    }

    for (Rental rental : data.rentals().values()) {
      if ("ACTIVE".equals(rental.status())) {
        Key key = data.keys().get(rental.id());
        if (key != null && "ISSUED".equals(key.status()) && !key.liveAt(t)
            && key.validUntil().isAfter(t.minus(timeUpGrace))) {
          activeTimeUp++; // its time is up; the process completes it in a moment
        } else if (key == null || key.tombstone() || !key.liveAt(t) || !key.code().equals(rental.key())) {
          violations.get(ACTIVE_WITHOUT_KEY).add(new Violation(ACTIVE_WITHOUT_KEY, rental.id(), key == null
              ? "no key in the key store"
              : key.tombstone() ? "no key: revoked at " + key.revokedAt() + " before it had one"
              : "key " + key.status() + ", valid until " + key.validUntil() + ", revoked at " + key.revokedAt()
                  + (key.code().equals(rental.key()) ? "" : ", read model shows another code")));
        }
      }
      if ("ACTIVE".equals(rental.status()) || "COMPLETED".equals(rental.status())) {
        int charges = data.entries(rental.id(), "CHARGE").size();
        int refunds = data.entries(rental.id(), "REFUND").size();
        boolean returnedEarly = refunds == 1 && charges == 1 && "COMPLETED".equals(rental.status())
            && keptPart(data, rental.id());
        if (charges != 1 || (refunds != 0 && !returnedEarly)) {
          violations.get(RIDE_WITHOUT_MONEY).add(new Violation(RIDE_WITHOUT_MONEY, rental.id(), rental.status()
              + " with " + charges + " CHARGE and " + refunds + " REFUND entries, payment "
              + statusOfPayment(data, rental.id())));
        }
      }
    }

    return new Result(data, violations, figures(data, t, activeTimeUp));
  }

  /**
   * A refund gives back all that was charged (extensions included), or, for a rental returned early (COMPLETED), less
   * than that.
   */
  private static boolean refundFits(LedgerEntry refund, BigDecimal chargedInAll, Rental rental) {
    int comparison = refund.amount().compareTo(chargedInAll);
    return comparison == 0 || (comparison < 0 && rental != null && "COMPLETED".equals(rental.status()));
  }

  private static boolean keptPart(StackData data, String rentalId) {
    return data.entries(rentalId, "REFUND").get(0).amount().compareTo(data.chargedInAll(rentalId)) < 0;
  }

  private static Map<String, Object> figures(StackData data, Instant t, int activeTimeUp) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("rentals in the read model", data.rentals().size());
    f.put("rentals by status", data.rentalsByStatus());
    Map<String, Long> paymentsByStatus = new TreeMap<>();
    data.payments().values().forEach(p -> paymentsByStatus.merge(p.status(), 1L, Long::sum));
    f.put("payments by status", paymentsByStatus);
    List<LedgerEntry> charges = data.allEntries("CHARGE");
    List<LedgerEntry> refunds = data.allEntries("REFUND");
    BigDecimal charged = sum(charges);
    BigDecimal refunded = sum(refunds);
    f.put("CHARGE entries (sum)", charges.size() + " (" + charged + ")");
    f.put("REFUND entries (sum)", refunds.size() + " (" + refunded + ")");
    BigDecimal keptForRides = data.rentals().values().stream()
        .filter(r -> "ACTIVE".equals(r.status()) || "COMPLETED".equals(r.status()))
        .flatMap(r -> data.entries(r.id(), "CHARGE").stream())
        .map(LedgerEntry::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    f.put("money kept (charges - refunds)", charged.subtract(refunded));
    f.put("money kept for ACTIVE/COMPLETED rentals", keptForRides);
    List<String> orphans = data.ledger().keySet().stream().filter(id -> !data.rentals().containsKey(id)).toList();
    long orphansRefunded = orphans.stream().filter(id -> !data.entries(id, "REFUND").isEmpty()).count();
    f.put("charges without a rental in the read model (start rolled back)", orphans.stream()
        .filter(id -> !data.entries(id, "CHARGE").isEmpty()).count());
    f.put("... of them refunded", orphansRefunded);
    long live = data.keys().values().stream().filter(k -> k.liveAt(t)).count();
    long expired = data.keys().values().stream().filter(k -> "ISSUED".equals(k.status()) && !k.liveAt(t)).count();
    long tombstones = data.keys().values().stream().filter(Key::tombstone).count();
    long revoked = data.keys().values().stream().filter(k -> "REVOKED".equals(k.status())).count() - tombstones;
    f.put("keys: live / expired, not revoked / revoked", live + " / " + expired + " / " + revoked);
    f.put("rentals revoked before they had a key (tombstones)", tombstones);
    f.put("ACTIVE rentals whose time is up (completion pending)", activeTimeUp);
    return f;
  }

  private static String statusOfPayment(StackData data, String rentalId) {
    StackData.Payment p = data.payments().get(rentalId);
    return p == null ? "none" : p.status();
  }

  private static BigDecimal sum(List<LedgerEntry> entries) {
    return entries.stream().map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
