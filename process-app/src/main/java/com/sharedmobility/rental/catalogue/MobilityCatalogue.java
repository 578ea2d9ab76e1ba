package com.sharedmobility.rental.catalogue;

import java.math.BigDecimal;
import java.util.EnumMap;
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
    Map<MobilityType, BigDecimal> pricePerHour = new EnumMap<>(MobilityType.class);
    return jdbc.sql("SELECT id, type, name FROM mobility ORDER BY id")
        .query((rs, row) -> {
          MobilityType type = MobilityType.valueOf(rs.getString("type"));
          return new Mobility(rs.getString("id"), type, rs.getString("name"),
              pricePerHour.computeIfAbsent(type, prices::pricePerHour));
        })
        .list();
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
