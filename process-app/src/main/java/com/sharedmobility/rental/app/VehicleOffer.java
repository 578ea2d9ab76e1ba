package com.sharedmobility.rental.app;

import com.sharedmobility.rental.catalogue.Mobility;
import java.math.BigDecimal;

/** A vehicle on the catalogue page: its price for the hours chosen (null: none) and whether it is free now. */
public record VehicleOffer(Mobility vehicle, BigDecimal price, boolean free) {

  public boolean rentable() {
    return free && price != null;
  }
}
