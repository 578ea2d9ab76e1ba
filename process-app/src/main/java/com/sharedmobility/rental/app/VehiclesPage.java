package com.sharedmobility.rental.app;

import com.sharedmobility.rental.catalogue.Mobility;
import com.sharedmobility.rental.catalogue.MobilityCatalogue;
import com.sharedmobility.rental.catalogue.MobilityType;
import com.sharedmobility.rental.catalogue.PriceList;
import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The start page: the vehicles, a page at a time, with the price for the hours chosen (from the pricing decision,
 * the same numbers the charge uses) and whether each is free now; a vehicle's form applies for it.
 */
@Controller
public class VehiclesPage {

  static final int DEFAULT_HOURS = 1;

  private final MobilityCatalogue catalogue;
  private final PriceList prices;
  private final RentalReadModel readModel;
  private final CustomerAppProperties settings;
  private final RentalProperties rentalSettings;

  public VehiclesPage(MobilityCatalogue catalogue, PriceList prices, RentalReadModel readModel,
                      CustomerAppProperties settings, RentalProperties rentalSettings) {
    this.catalogue = catalogue;
    this.prices = prices;
    this.readModel = readModel;
    this.settings = settings;
    this.rentalSettings = rentalSettings;
  }

  @GetMapping("/")
  public String vehicles(@RequestParam(required = false) String hours, @RequestParam(required = false) String type,
                         @RequestParam(required = false) String page, Model model) {
    OptionalInt chosenHours = hours == null ? OptionalInt.of(DEFAULT_HOURS) : FormInput.wholeNumber(hours, 1);
    if (chosenHours.isEmpty()) {
      model.addAttribute("hoursProblem", new Notice("vehicles.hours.invalid"));
    }
    int rentalHours = chosenHours.orElse(DEFAULT_HOURS);
    Optional<MobilityType> chosenType = Arrays.stream(MobilityType.values())
        .filter(t -> t.name().equals(type)).findFirst();
    int pageIndex = FormInput.wholeNumber(page, 0).orElse(0);

    // one row more than a page tells whether there is a next one
    List<Mobility> rows = catalogue.page(chosenType.orElse(null), pageIndex * settings.pageSize(),
        settings.pageSize() + 1);
    List<Mobility> vehicles = rows.subList(0, Math.min(rows.size(), settings.pageSize()));
    Set<String> taken = readModel.takenOf(vehicles.stream().map(Mobility::id).toList());
    Map<MobilityType, Optional<BigDecimal>> priceOfType = new EnumMap<>(MobilityType.class);
    List<VehicleOffer> offers = vehicles.stream()
        .map(v -> new VehicleOffer(v,
            priceOfType.computeIfAbsent(v.type(), t -> prices.priceFor(t, rentalHours)).orElse(null),
            !taken.contains(v.id())))
        .toList();

    model.addAttribute("hours", chosenHours.isPresent() ? rentalHours : hours);
    model.addAttribute("rentalHours", rentalHours);
    model.addAttribute("types", MobilityType.values());
    model.addAttribute("type", chosenType.map(Enum::name).orElse(""));
    model.addAttribute("offers", offers);
    model.addAttribute("page", pageIndex);
    model.addAttribute("hasNext", rows.size() > settings.pageSize());
    model.addAttribute("currency", rentalSettings.currency());
    model.addAttribute("paymentMethods", settings.paymentMethods());
    return "app/vehicles";
  }
}
