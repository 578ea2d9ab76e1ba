package com.sharedmobility.rental.catalogue;

import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.rental.readmodel.RentalView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * What a rental returned early pays back: the amount paid minus the price list's amount for the hours begun, at
 * least one hour. Rental hours count from the moment the rental became ACTIVE (its key handed over), as its
 * time-up timer does.
 */
@Component
public class UnusedHours {

  private final MobilityCatalogue catalogue;
  private final PriceList prices;
  private final Duration hour;

  public UnusedHours(MobilityCatalogue catalogue, PriceList prices, RentalProperties properties) {
    this.catalogue = catalogue;
    this.prices = prices;
    this.hour = properties.hour();
  }

  /** The hours begun by {@code at}: at least one, at most the hours paid for. */
  public int hoursBegun(RentalView rental, Instant at) {
    Instant start = rental.endsAt().minus(hour.multipliedBy(rental.hours()));
    long elapsedNanos = Math.max(0, Duration.between(start, at).toNanos());
    long begun = (elapsedNanos + hour.toNanos() - 1) / hour.toNanos();
    return (int) Math.min(rental.hours(), Math.max(1, begun));
  }

  /** The refund for a return at {@code at}, with cents; zero when every hour paid for has begun. */
  public BigDecimal refundAt(RentalView rental, Instant at) {
    int begun = hoursBegun(rental, at);
    MobilityType type = catalogue.typeOf(rental.mobilityId());
    BigDecimal used = prices.priceFor(type, begun).orElseThrow(() -> new NoPriceException(type, begun));
    return rental.amount().subtract(used).max(BigDecimal.ZERO).setScale(2, RoundingMode.UNNECESSARY);
  }
}
