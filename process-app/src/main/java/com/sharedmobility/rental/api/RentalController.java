package com.sharedmobility.rental.api;

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
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = ApiDocumentation.RENTALS)
@Validated
@RequestMapping("/rentals")
public class RentalController {

  static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  private final ApplicationAdmission admission;
  private final ApplyForRental applyForRental;
  private final CancelRental cancelRental;
  private final ReturnVehicle returnVehicle;
  private final ExtendRental extendRental;
  private final RentalReadModel readModel;

  public RentalController(ApplicationAdmission admission, ApplyForRental applyForRental, CancelRental cancelRental,
                          ReturnVehicle returnVehicle, ExtendRental extendRental, RentalReadModel readModel) {
    this.admission = admission;
    this.applyForRental = applyForRental;
    this.cancelRental = cancelRental;
    this.returnVehicle = returnVehicle;
    this.extendRental = extendRental;
    this.readModel = readModel;
  }

  /**
   * 201 when paid, 202 while the charge waits for the payment service, 402 when declined. With an
   * {@code Idempotency-Key} whose earlier attempt started a rental and died before answering, the answer is that
   * rental's.
   */
  @PostMapping
  @IdempotencyKeyHeader
  public ResponseEntity<?> apply(@Valid @RequestBody RentalRequest request, Principal customer,
      @RequestAttribute(name = IdempotentRequest.ATTRIBUTE, required = false) IdempotentRequest idempotent,
      @RequestAttribute(name = IdempotentRequest.STARTED_RENTAL, required = false) String startedBefore) {
    RentalView rental;
    if (startedBefore != null) {
      rental = readModel.findOwned(startedBefore, customer.getName()).orElseThrow();
    } else {
      try (ApplicationAdmission.Ticket admitted = admission.admit()) {
        rental = applyForRental.apply(customer.getName(), request.mobilityId(), request.hours(),
            request.paymentMethod(), idempotent);
      }
    }
    URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(rental.id()).toUri();
    return switch (rental.status()) {
      case REJECTED -> {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED,
            "The card provider declined the charge; nothing was charged and the rental is rejected.");
        problem.setTitle("Payment declined");
        problem.setProperty("rental", RentalResponse.of(rental));
        yield ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).location(location).body(problem);
      }
      case PAYMENT_PENDING -> ResponseEntity.accepted().location(location).body(RentalResponse.of(rental));
      default -> ResponseEntity.created(location).body(RentalResponse.of(rental));
    };
  }

  @GetMapping("/{id}")
  public RentalResponse get(@PathVariable @Pattern(regexp = UUID_PATTERN, message = "must be a rental id (UUID)")
                            String id, Principal customer) {
    return readModel.findOwned(id, customer.getName()).map(RentalResponse::of)
        .orElseThrow(() -> RentalProblem.rentalNotFound(id));
  }

  /** 202 while the key is revoked and the payment refunded; 200 once the rental is CANCELLED. */
  @PostMapping("/{id}/cancel")
  @IdempotencyKeyHeader
  public ResponseEntity<RentalResponse> cancel(
      @PathVariable @Pattern(regexp = UUID_PATTERN, message = "must be a rental id (UUID)") String id,
      Principal customer) {
    RentalView rental = cancelRental.cancel(customer.getName(), id);
    HttpStatus status = rental.status() == RentalStatus.CANCELLED ? HttpStatus.OK : HttpStatus.ACCEPTED;
    return ResponseEntity.status(status).body(RentalResponse.of(rental));
  }

  /** 202 RETURNING: the key is revoked, then the unused whole hours refunded, and the rental is COMPLETED. */
  @PostMapping("/{id}/return")
  @IdempotencyKeyHeader
  public ResponseEntity<RentalResponse> returnVehicle(
      @PathVariable @Pattern(regexp = UUID_PATTERN, message = "must be a rental id (UUID)") String id,
      Principal customer) {
    return ResponseEntity.accepted().body(RentalResponse.of(returnVehicle.returnVehicle(customer.getName(), id)));
  }

  /**
   * 200 with the extended rental once the extra hours are paid and its time-up moved; 402 declined, 503 while the
   * payment service cannot take the money; nothing changed then.
   */
  @PostMapping("/{id}/extend")
  @IdempotencyKeyHeader
  public RentalResponse extend(
      @PathVariable @Pattern(regexp = UUID_PATTERN, message = "must be a rental id (UUID)") String id,
      @Valid @RequestBody ExtendRequest request, Principal customer) {
    return RentalResponse.of(extendRental.extend(customer.getName(), id, request.hours()));
  }
}
