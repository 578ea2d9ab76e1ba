package com.sharedmobility.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data of the three services, read straight from their PostgreSQL tables, one database after the other:
 * process-app's read model ({@code rental}), payment-adapter's {@code payment} and {@code ledger_entry},
 * key-adapter's {@code rental_key}. Not one atomic snapshot: whoever checks invariants on it reads it again
 * when something moved in between.
 */
public record StackData(Map<String, Rental> rentals, Map<String, Payment> payments,
                        Map<String, List<LedgerEntry>> ledger, Map<String, Key> keys, Instant keysReadAt) {

  public record Rental(String id, String customer, String mobilityId, int hours, String status,
                       String paymentStatus, String key, Instant createdAt, Instant updatedAt) {
  }

  public record Payment(String rentalId, String status, BigDecimal amount, Instant createdAt) {
  }

  /** {@code extensionId}: the extension an EXTENSION entry charged or a REFUND entry released; null otherwise. */
  public record LedgerEntry(long id, String rentalId, String type, BigDecimal amount, Instant bookedAt,
                            String extensionId) {

    /** A payment's own charge or refund. */
    public LedgerEntry(long id, String rentalId, String type, BigDecimal amount, Instant bookedAt) {
      this(id, rentalId, type, amount, bookedAt, null);
    }
  }

  public record Key(String rentalId, String mobilityId, String code, String status, Instant issuedAt,
                    Instant validUntil, Instant revokedAt) {

    /** What {@code POST /keys/verify} accepts: issued, not revoked, not expired. */
    public boolean liveAt(Instant t) {
      return "ISSUED".equals(status) && validUntil.isAfter(t);
    }

    /**
     * Whether this key opened the vehicle at {@code t}: issued by then, and neither revoked nor run out before it.
     * Unlike {@link #liveAt}, it judges a moment in the past by the row as it is now.
     */
    public boolean openedAt(Instant t) {
      return !tombstone() && !issuedAt.isAfter(t) && validUntil.isAfter(t)
          && (revokedAt == null || revokedAt.isAfter(t));
    }

    /** The row a revoke leaves for a rental that had no key yet (no code, never live): it bars any later key. */
    public boolean tombstone() {
      return code == null;
    }

    /** When the row came to be: the key's issue, or a tombstone's revoke. */
    public Instant createdAt() {
      return tombstone() ? revokedAt : issuedAt;
    }
  }

  /** Reads rentals, then keys, then payments and ledger. */
  public static StackData read(RentalStack stack) {
    try {
      Map<String, Rental> rentals = new LinkedHashMap<>();
      try (Connection c = stack.connect(RentalStack.PROCESS_APP); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT id, customer, mobility_id, hours, status, payment_status,"
               + " rental_key, created_at, updated_at FROM rental ORDER BY created_at")) {
        while (rs.next()) {
          rentals.put(rs.getString("id"), new Rental(rs.getString("id"), rs.getString("customer"),
              rs.getString("mobility_id"), rs.getInt("hours"), rs.getString("status"),
              rs.getString("payment_status"), rs.getString("rental_key"), instant(rs, "created_at"),
              instant(rs, "updated_at")));
        }
      }
      Map<String, Key> keys = new LinkedHashMap<>();
      Instant keysReadAt = Instant.now();
      try (Connection c = stack.connect(RentalStack.KEY_ADAPTER); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT rental_id, mobility_id, key_code, status, issued_at, valid_until,"
               + " revoked_at FROM rental_key")) {
        while (rs.next()) {
          keys.put(rs.getString("rental_id"), new Key(rs.getString("rental_id"), rs.getString("mobility_id"),
              rs.getString("key_code"), rs.getString("status"), instant(rs, "issued_at"),
              instant(rs, "valid_until"), instant(rs, "revoked_at")));
        }
      }
      Map<String, Payment> payments = new LinkedHashMap<>();
      Map<String, List<LedgerEntry>> ledger = new LinkedHashMap<>();
      try (Connection c = stack.connect(RentalStack.PAYMENT_ADAPTER); Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT rental_id::text AS rental_id, status, amount, created_at"
            + " FROM payment")) {
          while (rs.next()) {
            payments.put(rs.getString("rental_id"), new Payment(rs.getString("rental_id"), rs.getString("status"),
                rs.getBigDecimal("amount"), instant(rs, "created_at")));
          }
        }
        try (ResultSet rs = st.executeQuery("SELECT id, rental_id::text AS rental_id, type, amount, booked_at,"
            + " NULLIF(operation, '') AS extension_id FROM ledger_entry ORDER BY id")) {
          while (rs.next()) {
            LedgerEntry e = new LedgerEntry(rs.getLong("id"), rs.getString("rental_id"), rs.getString("type"),
                rs.getBigDecimal("amount"), instant(rs, "booked_at"), rs.getString("extension_id"));
            ledger.computeIfAbsent(e.rentalId(), k -> new ArrayList<>()).add(e);
          }
        }
      }
      return new StackData(Collections.unmodifiableMap(rentals), Collections.unmodifiableMap(payments),
          Collections.unmodifiableMap(ledger), Collections.unmodifiableMap(keys), keysReadAt);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the services' databases: " + e, e);
    }
  }

  /**
   * The data of the rentals that began at or after {@code t}: created in the read model, or paid, or given a key
   * since then (a charge whose rental never committed has no read-model row). Tests that share a stack check their
   * own rentals this way; all services run on one machine, so one clock.
   */
  public StackData since(Instant t) {
    Set<String> ids = new HashSet<>();
    rentals.values().stream().filter(r -> !r.createdAt().isBefore(t)).forEach(r -> ids.add(r.id()));
    payments.values().stream().filter(p -> !p.createdAt().isBefore(t)).forEach(p -> ids.add(p.rentalId()));
    keys.values().stream().filter(k -> !k.createdAt().isBefore(t)).forEach(k -> ids.add(k.rentalId()));
    return new StackData(only(rentals, ids), only(payments, ids), only(ledger, ids), only(keys, ids), keysReadAt);
  }

  private static <V> Map<String, V> only(Map<String, V> map, Set<String> ids) {
    Map<String, V> result = new LinkedHashMap<>();
    map.forEach((id, v) -> {
      if (ids.contains(id)) {
        result.put(id, v);
      }
    });
    return Collections.unmodifiableMap(result);
  }

  /** The ledger entries of one rental of one type (CHARGE or REFUND). */
  /** The payment's own entries of this type (CHARGE, REFUND), or its extensions' charges (EXTENSION). */
  public List<LedgerEntry> entries(String rentalId, String type) {
    return ledger.getOrDefault(rentalId, List.of()).stream()
        .filter(e -> e.type().equals(type) && ("EXTENSION".equals(type) || e.extensionId() == null)).toList();
  }

  /** What the rental was charged in all: its charge and its extensions, less the extensions released. */
  public BigDecimal chargedInAll(String rentalId) {
    return ledger.getOrDefault(rentalId, List.of()).stream()
        .filter(e -> !"REFUND".equals(e.type()) || e.extensionId() != null)
        .map(e -> "REFUND".equals(e.type()) ? e.amount().negate() : e.amount())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Every ledger entry of one type. */
  public List<LedgerEntry> allEntries(String type) {
    return ledger.values().stream().flatMap(List::stream).filter(e -> e.type().equals(type)).toList();
  }

  /** Rentals of the read model by status. */
  public Map<String, Long> rentalsByStatus() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    rentals.values().forEach(r -> counts.merge(r.status(), 1L, Long::sum));
    return counts;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
