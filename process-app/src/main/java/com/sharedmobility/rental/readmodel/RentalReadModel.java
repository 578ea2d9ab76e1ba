package com.sharedmobility.rental.readmodel;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code rental} table. Written only by {@link RentalStatusProjection} inside the engine's transaction;
 * read by the customer API without touching the engine's tables.
 */
@Repository
public class RentalReadModel {

  private static final String COLUMNS = "id, customer, mobility_id, hours, amount, currency, status, payment_status,"
      + " rental_key, ends_at, refunded_amount, process_instance_id, created_at, updated_at";

  /** The live statuses as the {@code status} column holds them. */
  private static final List<String> LIVE = RentalStatus.LIVE.stream().map(Enum::name).toList();

  private final JdbcClient jdbc;

  public RentalReadModel(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Update-then-insert: portable across PostgreSQL and H2; the first write happens in the start transaction. A null
   * {@code endsAt} or {@code refundedAmount} keeps what the row holds.
   */
  public void save(RentalView r) {
    int updated = jdbc.sql("UPDATE rental SET amount = :amount, status = :status, payment_status = :paymentStatus,"
            + " rental_key = :key, ends_at = COALESCE(:endsAt, ends_at),"
            + " refunded_amount = COALESCE(:refundedAmount, refunded_amount), updated_at = :updatedAt WHERE id = :id")
        .param("amount", r.amount())
        .param("status", r.status().name())
        .param("paymentStatus", r.paymentStatus().name())
        .param("key", r.key())
        .param("endsAt", timestamp(r.endsAt()))
        .param("refundedAmount", r.refundedAmount())
        .param("updatedAt", Timestamp.from(r.updatedAt()))
        .param("id", r.id())
        .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO rental (" + COLUMNS + ") VALUES (:id, :customer, :mobilityId, :hours, :amount, :currency,"
              + " :status, :paymentStatus, :key, :endsAt, :refundedAmount, :processInstanceId, :createdAt, :updatedAt)")
          .param("id", r.id())
          .param("customer", r.customer())
          .param("mobilityId", r.mobilityId())
          .param("hours", r.hours())
          .param("amount", r.amount())
          .param("currency", r.currency())
          .param("status", r.status().name())
          .param("paymentStatus", r.paymentStatus().name())
          .param("key", r.key())
          .param("endsAt", timestamp(r.endsAt()))
          .param("refundedAmount", r.refundedAmount())
          .param("processInstanceId", r.processInstanceId())
          .param("createdAt", Timestamp.from(r.createdAt()))
          .param("updatedAt", Timestamp.from(r.updatedAt()))
          .update();
    }
  }

  /**
   * Marks a rental that is still live as {@link RentalStatus#ABORTED} and hides its key; returns whether it was live
   * (a rental that already reached its outcome keeps it).
   */
  public boolean abortIfLive(String id, Instant at) {
    return jdbc.sql("UPDATE rental SET status = :aborted, rental_key = NULL, updated_at = :at"
            + " WHERE id = :id AND status IN (:live)")
        .param("aborted", RentalStatus.ABORTED.name())
        .param("at", Timestamp.from(at))
        .param("id", id)
        .param("live", LIVE)
        .update() == 1;
  }

  public void paymentSettled(String id, PaymentStatus paymentStatus, BigDecimal refundedAmount, Instant at) {
    jdbc.sql("UPDATE rental SET payment_status = :paymentStatus,"
            + " refunded_amount = COALESCE(:refundedAmount, refunded_amount), updated_at = :at WHERE id = :id")
        .param("paymentStatus", paymentStatus.name())
        .param("refundedAmount", refundedAmount)
        .param("at", Timestamp.from(at))
        .param("id", id)
        .update();
  }

  public Optional<RentalView> findOwned(String id, String customer) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM rental WHERE id = :id AND customer = :customer")
        .param("id", id).param("customer", customer)
        .query(RentalReadModel::map).optional();
  }

  /** Locks the row until the transaction ends, so a cancel and the process's own steps take turns. */
  public Optional<RentalView> lockOwned(String id, String customer) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM rental WHERE id = :id AND customer = :customer FOR UPDATE")
        .param("id", id).param("customer", customer)
        .query(RentalReadModel::map).optional();
  }

  public List<RentalView> newestOf(String customer, int limit) {
    return newestOf(customer, null, limit);
  }

  /**
   * One page of a customer's rentals, newest first: up to {@code limit} rows after the cursor (null: from the
   * newest). The row comparison walks the index {@code rental_customer_created} from the cursor on.
   */
  public List<RentalView> newestOf(String customer, RentalCursor after, int limit) {
    if (after == null) {
      return jdbc.sql("SELECT " + COLUMNS + " FROM rental WHERE customer = :customer"
              + " ORDER BY created_at DESC, id DESC LIMIT :limit")
          .param("customer", customer).param("limit", limit)
          .query(RentalReadModel::map).list();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM rental WHERE customer = :customer"
            + " AND (created_at, id) < (:createdAt, :id) ORDER BY created_at DESC, id DESC LIMIT :limit")
        .param("customer", customer).param("createdAt", Timestamp.from(after.createdAt())).param("id", after.id())
        .param("limit", limit)
        .query(RentalReadModel::map).list();
  }

  /** Which of these vehicles are taken now: each has a rental in a live status. */
  public Set<String> takenOf(Collection<String> mobilityIds) {
    if (mobilityIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(jdbc.sql("SELECT DISTINCT mobility_id FROM rental"
            + " WHERE mobility_id IN (:ids) AND status IN (:live)")
        .param("ids", mobilityIds)
        .param("live", LIVE)
        .query(String.class).list());
  }

  /** Which of these rentals exist, in whatever status. */
  public Set<String> existing(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(jdbc.sql("SELECT id FROM rental WHERE id IN (:ids)")
        .param("ids", ids)
        .query(String.class).list());
  }

  /** Which of these extensions were applied to their rental. */
  public Set<String> existingExtensions(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(jdbc.sql("SELECT id FROM rental_extension WHERE id IN (:ids)")
        .param("ids", ids)
        .query(String.class).list());
  }

  /**
   * Records an extension applied to an ACTIVE rental, in the engine's transaction: its new hours and amount, and an
   * end that much later (as its time-up timer).
   */
  public void extended(String rentalId, String extensionId, int extraHours, BigDecimal extraAmount, int hours,
                       BigDecimal amount, Duration later, Instant at) {
    Instant endsAt = jdbc.sql("SELECT ends_at FROM rental WHERE id = :id").param("id", rentalId)
        .query(Timestamp.class).single().toInstant().plus(later);
    jdbc.sql("INSERT INTO rental_extension (id, rental_id, hours, amount, created_at)"
            + " VALUES (:id, :rentalId, :hours, :amount, :at)")
        .param("id", extensionId).param("rentalId", rentalId).param("hours", extraHours)
        .param("amount", extraAmount).param("at", Timestamp.from(at))
        .update();
    jdbc.sql("UPDATE rental SET hours = :hours, amount = :amount, ends_at = :endsAt, updated_at = :at WHERE id = :id")
        .param("hours", hours).param("amount", amount).param("endsAt", Timestamp.from(endsAt))
        .param("at", Timestamp.from(at)).param("id", rentalId)
        .update();
  }

  public Optional<Instant> createdAt(String id) {
    return jdbc.sql("SELECT created_at FROM rental WHERE id = :id").param("id", id)
        .query(Timestamp.class).optional().map(Timestamp::toInstant);
  }

  public boolean hasLiveRental(String mobilityId) {
    return jdbc.sql("SELECT COUNT(*) FROM rental WHERE mobility_id = :mobilityId AND status IN (:live)")
        .param("mobilityId", mobilityId)
        .param("live", LIVE)
        .query(Long.class).single() > 0;
  }

  private static Timestamp timestamp(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }

  private static RentalView map(ResultSet rs, int row) throws SQLException {
    return new RentalView(
        rs.getString("id"),
        rs.getString("customer"),
        rs.getString("mobility_id"),
        rs.getInt("hours"),
        rs.getBigDecimal("amount"),
        rs.getString("currency"),
        RentalStatus.valueOf(rs.getString("status")),
        PaymentStatus.valueOf(rs.getString("payment_status")),
        rs.getString("rental_key"),
        instant(rs.getTimestamp("ends_at")),
        rs.getBigDecimal("refunded_amount"),
        rs.getString("process_instance_id"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
