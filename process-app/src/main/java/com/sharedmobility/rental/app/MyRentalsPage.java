package com.sharedmobility.rental.app;

import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalView;
import java.security.Principal;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** My page: the customer's rentals from the read model, newest first, a page at a time. */
@Controller
public class MyRentalsPage {

  private final RentalReadModel readModel;
  private final RentalCards cards;
  private final CustomerAppProperties settings;

  public MyRentalsPage(RentalReadModel readModel, RentalCards cards, CustomerAppProperties settings) {
    this.readModel = readModel;
    this.cards = cards;
    this.settings = settings;
  }

  @GetMapping("/app/mypage")
  public String myPage(@RequestParam(required = false) String page, Principal customer, Model model) {
    int pageIndex = FormInput.wholeNumber(page, 0).orElse(0);
    int size = settings.pageSize();
    // one row more than a page tells whether there is a next one
    List<RentalView> rows = readModel.newestOf(customer.getName(), pageIndex * size, size + 1);
    model.addAttribute("cards", cards.of(rows.subList(0, Math.min(rows.size(), size))));
    model.addAttribute("page", pageIndex);
    model.addAttribute("hasNext", rows.size() > size);
    return "app/mypage";
  }
}
