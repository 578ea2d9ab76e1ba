package com.sharedmobility.rental.app;

import com.sharedmobility.rental.catalogue.UnusedHours;
import com.sharedmobility.rental.idempotency.Claim;
import com.sharedmobility.rental.idempotency.IdempotentRequest;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplicationAdmission;
import com.sharedmobility.rental.usecase.ApplyForRental;
import com.sharedmobility.rental.usecase.CancelRental;
import com.sharedmobility.rental.usecase.ExtendRental;
import com.sharedmobility.rental.usecase.RentalProblem;
import com.sharedmobility.rental.usecase.ReturnVehicle;
import java.security.Principal;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Apply, watch one rental move (the status part of the page is asked for again while it moves), cancel it, return
 * the vehicle early or extend it.
 * Every form answers with a redirect, so reloading a page never applies or cancels twice.
 */
@Controller
public class RentalPages {

  static final String RENTAL_ID = "{id:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}";
  private static final String MOBILITY_ID = "[A-Za-z0-9_-]{1,40}";

  private final ApplicationAdmission admission;
  private final ApplyForRental applyForRental;
  private final CancelRental cancelRental;
  private final ReturnVehicle returnVehicle;
  private final ExtendRental extendRental;
  private final UnusedHours unusedHours;
  private final Clock clock;
  private final RentalReadModel readModel;
  private final RentalCards cards;
  private final ProblemNotices problems;
  private final CustomerAppProperties settings;
  private final ApplicationForms forms;

  public RentalPages(ApplicationAdmission admission, ApplyForRental applyForRental, CancelRental cancelRental,
                     ReturnVehicle returnVehicle, ExtendRental extendRental, UnusedHours unusedHours, Clock clock,
                     RentalReadModel readModel, RentalCards cards, ProblemNotices problems,
                     CustomerAppProperties settings, ApplicationForms forms) {
    this.admission = admission;
    this.applyForRental = applyForRental;
    this.cancelRental = cancelRental;
    this.returnVehicle = returnVehicle;
    this.extendRental = extendRental;
    this.unusedHours = unusedHours;
    this.clock = clock;
    this.readModel = readModel;
    this.cards = cards;
    this.problems = problems;
    this.settings = settings;
    this.forms = forms;
  }

  /**
   * Applies; on a refusal the customer is back at the vehicles with a sentence that says why. Each form carries a
   * request key of its own, so a double tap (or a form sent again) rents once: the repeat goes to the same rental.
   */
  @PostMapping("/app/rentals")
  public String apply(@RequestParam(defaultValue = "") String mobilityId, @RequestParam(defaultValue = "") String hours,
                      @RequestParam(defaultValue = "") String paymentMethod,
                      @RequestParam(defaultValue = "") String requestKey, Principal customer,
                      RedirectAttributes redirect) {
    OptionalInt rentalHours = FormInput.wholeNumber(hours, 1);
    String back = UriComponentsBuilder.fromPath("/").queryParam("hours", hours).build().encode().toUriString();
    if (!mobilityId.matches(MOBILITY_ID) || rentalHours.isEmpty()
        || !settings.paymentMethods().contains(paymentMethod)) {
      redirect.addFlashAttribute("problem", new Notice("problem.BAD_INPUT"));
      return "redirect:" + back;
    }
    Claim claim = forms.claim(customer.getName(), requestKey, mobilityId, hours, paymentMethod);
    if (claim instanceof Claim.Replay replay) {
      return "redirect:" + replay.answer().location();
    }
    if (claim instanceof Claim.StartedBefore started) {
      return forms.answered(started.request(), started.rentalId());
    }
    if (claim instanceof Claim.InFlight || claim instanceof Claim.OtherRequest) {
      redirect.addFlashAttribute("notice", new Notice("rental.apply.inProgress"));
      return "redirect:/app/mypage";
    }
    // every other claim answered above: the first sending of this form (null request without a form key)
    IdempotentRequest form = ((Claim.Work) claim).request();
    RentalView rental;
    try (ApplicationAdmission.Ticket admitted = admission.admit()) {
      rental = applyForRental.apply(customer.getName(), mobilityId, rentalHours.getAsInt(), paymentMethod, form);
    } catch (RuntimeException refused) {
      forms.refused(form);
      redirect.addFlashAttribute("problem", problems.of(refused));
      return "redirect:" + back;
    }
    return forms.answered(form, rental.id());
  }

  @GetMapping("/app/rentals/" + RENTAL_ID)
  public String rental(@PathVariable String id, Principal customer, Model model) {
    model.addAttribute("card", cards.of(owned(id, customer)));
    return "app/rental";
  }

  /** The part of the rental screen that changes, for the screen's script to swap in. */
  @GetMapping("/app/rentals/" + RENTAL_ID + "/status")
  public String status(@PathVariable String id, Principal customer, Model model) {
    model.addAttribute("card", cards.of(owned(id, customer)));
    return "app/rental :: status";
  }

  @GetMapping("/app/rentals/" + RENTAL_ID + "/cancel")
  public String confirmCancel(@PathVariable String id, Principal customer, Model model) {
    model.addAttribute("card", cards.of(owned(id, customer)));
    return "app/cancel";
  }

  @PostMapping("/app/rentals/" + RENTAL_ID + "/cancel")
  public String cancel(@PathVariable String id, Principal customer, RedirectAttributes redirect) {
    return changed(id, () -> cancelRental.cancel(customer.getName(), id), "rental.cancel.requested", redirect);
  }

  /** What comes back if the vehicle is returned now, priced as the return will price it. */
  @GetMapping("/app/rentals/" + RENTAL_ID + "/return")
  public String confirmReturn(@PathVariable String id, Principal customer, Model model) {
    RentalView rental = owned(id, customer);
    model.addAttribute("card", cards.of(rental));
    if (rental.status() == RentalStatus.ACTIVE) {
      model.addAttribute("hoursBegun", unusedHours.hoursBegun(rental, clock.instant()));
      model.addAttribute("refundDue", unusedHours.refundAt(rental, clock.instant()));
    }
    return "app/return";
  }

  @PostMapping("/app/rentals/" + RENTAL_ID + "/return")
  public String returnVehicle(@PathVariable String id, Principal customer, RedirectAttributes redirect) {
    return changed(id, () -> returnVehicle.returnVehicle(customer.getName(), id), "rental.return.requested",
        redirect);
  }

  /** The extra hours on offer, with what the chosen ones cost and when the rental would then end. */
  @GetMapping("/app/rentals/" + RENTAL_ID + "/extend")
  public String confirmExtension(@PathVariable String id, @RequestParam(defaultValue = "1") String hours,
                                 Principal customer, Model model) {
    RentalView rental = owned(id, customer);
    model.addAttribute("card", cards.of(rental));
    if (rental.status() == RentalStatus.ACTIVE) {
      Map<Integer, ExtendRental.Quote> offers = extendRental.offers(rental);
      int chosen = FormInput.wholeNumber(hours, 1).stream().filter(offers::containsKey).findFirst().orElse(1);
      model.addAttribute("choices", offers.keySet());
      model.addAttribute("hours", chosen);
      model.addAttribute("quote", offers.get(chosen));
    }
    return "app/extend";
  }

  /** Extends from the hours the form was shown with: the same form sent twice extends once. */
  @PostMapping("/app/rentals/" + RENTAL_ID + "/extend")
  public String extend(@PathVariable String id, @RequestParam(defaultValue = "") String hours,
                       @RequestParam(defaultValue = "") String from, Principal customer,
                       RedirectAttributes redirect) {
    OptionalInt extra = FormInput.wholeNumber(hours, 1);
    OptionalInt fromHours = FormInput.wholeNumber(from, 1);
    if (extra.isEmpty() || fromHours.isEmpty()) {
      redirect.addFlashAttribute("problem", new Notice("problem.BAD_INPUT"));
      return "redirect:/app/rentals/" + id;
    }
    return changed(id, () -> extendRental.extend(customer.getName(), id, extra.getAsInt(), fromHours.getAsInt()),
        "rental.extend.done", redirect);
  }

  /** Asks for a change of the rental; the rental's screen then tells what happened, or why nothing did. */
  private String changed(String id, Runnable change, String done, RedirectAttributes redirect) {
    try {
      change.run();
      redirect.addFlashAttribute("notice", new Notice(done));
    } catch (RentalProblem refused) {
      if (refused.kind() == RentalProblem.Kind.RENTAL_NOT_FOUND) {
        throw refused;
      }
      redirect.addFlashAttribute("problem", problems.of(refused));
    } catch (RuntimeException refused) {
      // a busy database or another refusal: told on the rental's screen, which shows that nothing changed
      redirect.addFlashAttribute("problem", problems.of(refused));
    }
    return "redirect:/app/rentals/" + id;
  }

  private RentalView owned(String id, Principal customer) {
    return readModel.findOwned(id, customer.getName()).orElseThrow(() -> RentalProblem.rentalNotFound(id));
  }
}
