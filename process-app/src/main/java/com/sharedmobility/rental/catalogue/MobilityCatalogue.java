package com.sharedmobility.rental.catalogue;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The vehicles that can be rented ({@code mobility} table, seeded by a Flyway migration). */
@Repository
public class MobilityCatalogue {

  private final JdbcClient jdbc;
  private final PriceList prices;

  public MobilityCatalogue(JdbcClient jdbc, PriceList prices) {
    this.jdbc = jdbc;
    this.prices = prices;
  }

  public List<Mobility> all() {
    return withPrices(jdbc.sql("SELECT id, type, name FROM mobility ORDER BY id"));
  }

  /** One page of the vehicles in id order, of one type or (type null) of all. */
  public List<Mobility> page(MobilityType type, int offset, int limit) {
    return withPrices(jdbc.sql("SELECT id, type, name FROM mobility WHERE (:type IS NULL OR type = :type)"
            + " ORDER BY id LIMIT :limit OFFSET :offset")
        .param("type", type == null ? null : type.name(), Types.VARCHAR)
        .param("limit", limit)
        .param("offset", offset));
  }

  /** The names of these vehicles, by id. */
  public Map<String, String> namesOf(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, String> names = new HashMap<>();
    jdbc.sql("SELECT id, name FROM mobility WHERE id IN (:ids)").param("ids", ids)
        .query(rs -> {
          names.put(rs.getString("id"), rs.getString("name"));
        });
    return names;
  }

  private List<Mobility> withPrices(JdbcClient.StatementSpec query) {
    Map<MobilityType, BigDecimal> pricePerHour = new EnumMap<>(MobilityType.class);
    return query
        .query((rs, row) -> {
          MobilityType type = MobilityType.valueOf(rs.getString("type"));
          return new Mobility(rs.getString("id"), type, rs.getString("name"),
              pricePerHour.computeIfAbsent(type, prices::pricePerHour));
        })
        .list();
  }

  public MobilityType typeOf(String id) {
    return jdbc.sql("SELECT type FROM mobility WHERE id = :id")
        .param("id", id)
        .query((rs, row) -> MobilityType.valueOf(rs.getString("type")))
        .single();
  }

  /**
   * Locks the vehicle's row until the transaction ends: two applications for one vehicle take turns, so the
   * second sees the first one's rental and is refused. Returns the vehicle's type: all the process needs to price.
   */
  public Optional<MobilityType> lockForRental(String id) {
    return jdbc.sql("SELECT type FROM mobility WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query((rs, row) -> MobilityType.valueOf(rs.getString("type")))
        .optional();
  }
}
