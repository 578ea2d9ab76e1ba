package com.sharedmobility.rental.app;

import com.sharedmobility.rental.readmodel.RentalCursor;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalView;
import java.security.Principal;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** My page: the customer's rentals from the read model, newest first, a page at a time (a cursor, not an offset). */
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

  /** A page of the customer's rentals after the cursor {@code after} (from the newest without one). */
  @GetMapping("/app/mypage")
  public String myPage(@RequestParam(required = false) String after, Principal customer, Model model) {
    RentalCursor cursor = after == null ? null : RentalCursor.decode(after).orElse(null);
    int size = settings.pageSize();
    // one row more than a page tells whether there is a next one
    List<RentalView> rows = readModel.newestOf(customer.getName(), cursor, size + 1);
    List<RentalView> page = rows.subList(0, Math.min(rows.size(), size));
    model.addAttribute("cards", cards.of(page));
    model.addAttribute("notNewest", cursor != null);
    model.addAttribute("next", rows.size() > size ? RentalCursor.after(page.get(page.size() - 1)).encode() : null);
    return "app/mypage";
  }
}
