package com.sharedmobility.rental.app;

import com.sharedmobility.rental.catalogue.MobilityCatalogue;
import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Turns read-model rows into what the pages show. */
@Component
public class RentalCards {

  private final MobilityCatalogue catalogue;
  private final RentalProperties settings;

  public RentalCards(MobilityCatalogue catalogue, RentalProperties settings) {
    this.catalogue = catalogue;
    this.settings = settings;
  }

  public RentalCard of(RentalView rental) {
    return of(List.of(rental)).get(0);
  }

  public List<RentalCard> of(List<RentalView> rentals) {
    Map<String, String> names = catalogue.namesOf(rentals.stream().map(RentalView::mobilityId).distinct().toList());
    return rentals.stream()
        .map(r -> new RentalCard(r, names.getOrDefault(r.mobilityId(), r.mobilityId()), endsAt(r)))
        .toList();
  }

  /**
   * When an active rental runs out, as the read model keeps it; a row written before it did was last written when
   * the rental became active, which is when its time-up timer started: it runs out its hours later.
   */
  private Instant endsAt(RentalView rental) {
    if (rental.status() != RentalStatus.ACTIVE) {
      return null;
    }
    return rental.endsAt() != null ? rental.endsAt()
        : rental.updatedAt().plus(settings.hour().multipliedBy(rental.hours()));
  }
}
