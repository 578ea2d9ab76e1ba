package com.sharedmobility.rental.api;

import com.sharedmobility.rental.readmodel.RentalReadModel;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.security.Principal;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = ApiDocumentation.MY_PAGE)
@Validated
public class MyPageController {

  private final RentalReadModel readModel;

  public MyPageController(RentalReadModel readModel) {
    this.readModel = readModel;
  }

  /** The caller's rentals, newest first, from the read model only. */
  @GetMapping("/mypages")
  public List<RentalResponse> myPage(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                     Principal customer) {
    return readModel.newestOf(customer.getName(), limit).stream().map(RentalResponse::of).toList();
  }
}
