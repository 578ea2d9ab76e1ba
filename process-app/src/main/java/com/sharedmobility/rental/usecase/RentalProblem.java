package com.sharedmobility.rental.usecase;

import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The customer-facing refusals of the use cases; Spring MVC renders them as RFC 9457 problem+json for the API, the
 * customer app turns their {@link Kind} into a sentence of its text bundle.
 */
public final class RentalProblem extends ErrorResponseException {

  /** What went wrong, for clients that speak to people rather than to programs. */
  public enum Kind {
    UNKNOWN_MOBILITY, VEHICLE_TAKEN, RENTAL_NOT_FOUND, BUSY, NOT_CANCELLABLE, ALREADY_UNLOCKED, KEY_SERVICE_UNAVAILABLE,
    NOT_RETURNABLE, NOT_EXTENDABLE, EXTENSION_DECLINED, PAYMENT_UNAVAILABLE
  }

  private final Kind kind;

  private RentalProblem(Kind kind, HttpStatus status, String title, String detail) {
    super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    this.kind = kind;
    getBody().setTitle(title);
  }

  public Kind kind() {
    return kind;
  }

  public static RentalProblem unknownMobility(String mobilityId) {
    return new RentalProblem(Kind.UNKNOWN_MOBILITY, HttpStatus.NOT_FOUND, "Unknown mobility",
        "No vehicle with id '" + mobilityId + "' in the catalogue (see GET /mobilities).");
  }

  public static RentalProblem vehicleUnavailable(String mobilityId) {
    return new RentalProblem(Kind.VEHICLE_TAKEN, HttpStatus.CONFLICT, "Vehicle already rented",
        "Vehicle '" + mobilityId + "' is already rented for an overlapping time.");
  }

  /** Also for another customer's rental: its existence is nobody else's business. */
  public static RentalProblem rentalNotFound(String rentalId) {
    return new RentalProblem(Kind.RENTAL_NOT_FOUND, HttpStatus.NOT_FOUND, "Rental not found",
        "You have no rental with id '" + rentalId + "'.");
  }

  /**
   * Overload: the application would not be finished in time, so nothing was started; the client tries again after
   * {@code Retry-After} seconds.
   */
  public static RentalProblem busy(String detail, long retryAfterSeconds) {
    RentalProblem problem = new RentalProblem(Kind.BUSY, HttpStatus.SERVICE_UNAVAILABLE, "Service busy",
        detail + " Nothing was changed; please try again in a moment.");
    problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    return problem;
  }

  /** The vehicle was opened with the rental's key: a ride has begun, and only a return ends it early. */
  public static RentalProblem alreadyUnlocked(String rentalId) {
    RentalProblem problem = new RentalProblem(Kind.ALREADY_UNLOCKED, HttpStatus.CONFLICT, "Vehicle already unlocked",
        "Rental '" + rentalId + "' can no longer be cancelled: the vehicle was unlocked with its key. Return the"
            + " vehicle instead; the key keeps working until then.");
    problem.getBody().setProperty("rentalStatus", RentalStatus.ACTIVE.name());
    return problem;
  }

  /** A cancel needs the key service's answer first; nothing was changed. */
  public static RentalProblem keyServiceUnavailable(long retryAfterSeconds) {
    RentalProblem problem = new RentalProblem(Kind.KEY_SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
        "Key service unavailable",
        "The key service cannot be reached to switch the key off, so the rental was not cancelled. Nothing was"
            + " changed; please try again in a moment.");
    problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    return problem;
  }

  /** Only an ACTIVE rental is returned: one still starting can be cancelled, an ended one has nothing to return. */
  public static RentalProblem notReturnable(RentalView rental) {
    RentalProblem problem = new RentalProblem(Kind.NOT_RETURNABLE, HttpStatus.CONFLICT, "Rental not returnable",
        "Rental '" + rental.id() + "' is " + rental.status() + ": only an ACTIVE rental can be returned."
            + (RentalStatus.LIVE.contains(rental.status()) ? " Cancel it instead; you get everything back." : ""));
    problem.getBody().setProperty("rentalStatus", rental.status().name());
    return problem;
  }

  /** The rental's instance waits for no return (an operator moved it in Cockpit): it ends at its time. */
  public static RentalProblem returnNotOffered(RentalView rental) {
    RentalProblem problem = new RentalProblem(Kind.NOT_RETURNABLE, HttpStatus.CONFLICT, "Rental not returnable",
        "Rental '" + rental.id() + "' cannot be returned early now; it ends at its time, and its key stops working"
            + " then.");
    problem.getBody().setProperty("rentalStatus", rental.status().name());
    return problem;
  }

  public static RentalProblem notExtendable(RentalView rental) {
    RentalProblem problem = new RentalProblem(Kind.NOT_EXTENDABLE, HttpStatus.CONFLICT, "Rental not extendable",
        "Rental '" + rental.id() + "' is " + rental.status() + ": only an ACTIVE rental can be extended.");
    problem.getBody().setProperty("rentalStatus", rental.status().name());
    return problem;
  }

  /** The rental's instance takes no extension (an operator moved it in Cockpit): it ends at its time. */
  public static RentalProblem extensionNotOffered(RentalView rental) {
    RentalProblem problem = new RentalProblem(Kind.NOT_EXTENDABLE, HttpStatus.CONFLICT, "Rental not extendable",
        "Rental '" + rental.id() + "' cannot be extended now; it ends at its time.");
    problem.getBody().setProperty("rentalStatus", rental.status().name());
    return problem;
  }

  /** The card provider declined the extra hours; the rental runs on as it was. */
  public static RentalProblem extensionDeclined(RentalView rental) {
    RentalProblem problem = new RentalProblem(Kind.EXTENSION_DECLINED, HttpStatus.PAYMENT_REQUIRED,
        "Payment declined", "The card provider declined the charge for the extra hours; nothing was charged and"
            + " rental '" + rental.id() + "' ends as before.");
    problem.getBody().setProperty("rentalStatus", rental.status().name());
    return problem;
  }

  /** The payment service cannot take the extra money now (down, or its breaker open); nothing was changed. */
  public static RentalProblem paymentUnavailable(long retryAfterSeconds) {
    RentalProblem problem = new RentalProblem(Kind.PAYMENT_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
        "Payment service unavailable", "The payment service cannot take the payment for the extra hours right now."
            + " Nothing was charged or changed; please try again in a moment.");
    problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    return problem;
  }

  public static RentalProblem notCancellable(RentalView rental) {
    RentalProblem problem = new RentalProblem(Kind.NOT_CANCELLABLE, HttpStatus.CONFLICT, "Rental not cancellable",
        "Rental '" + rental.id() + "' is " + rental.status() + " and can no longer be cancelled.");
    problem.getBody().setProperty("rentalStatus", rental.status().name());
    return problem;
  }
}
