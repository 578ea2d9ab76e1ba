package com.sharedmobility.rental.api;

import com.sharedmobility.rental.catalogue.Mobility;
import com.sharedmobility.rental.catalogue.MobilityCatalogue;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = ApiDocumentation.VEHICLES)
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
