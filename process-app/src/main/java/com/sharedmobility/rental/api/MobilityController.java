package com.sharedmobility.rental.api;

import com.sharedmobility.rental.catalogue.Mobility;
import com.sharedmobility.rental.catalogue.MobilityCatalogue;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class MobilityController {

  private final MobilityCatalogue catalogue;

  public MobilityController(MobilityCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GetMapping("/mobilities")
  public List<Mobility> catalogue() {
    return catalogue.all();
  }
}
