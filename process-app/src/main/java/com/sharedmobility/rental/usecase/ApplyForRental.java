package com.sharedmobility.rental.usecase;

import static com.sharedmobility.rental.process.RentalProcess.Variables.CURRENCY;
import static com.sharedmobility.rental.process.RentalProcess.Variables.CUSTOMER;
import static com.sharedmobility.rental.process.RentalProcess.Variables.HOURS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.MOBILITY_ID;
import static com.sharedmobility.rental.process.RentalProcess.Variables.MOBILITY_TYPE;
import static com.sharedmobility.rental.process.RentalProcess.Variables.PAYMENT_ATTEMPTS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.PAYMENT_METHOD;
import static com.sharedmobility.rental.process.RentalProcess.Variables.PAYMENT_STATUS;
import static com.sharedmobility.rental.process.RentalProcess.Variables.RENTAL_DURATION;
import static com.sharedmobility.rental.process.RentalProcess.Variables.RENTAL_ID;

import com.sharedmobility.rental.catalogue.MobilityType;
import com.sharedmobility.rental.catalogue.MobilityCatalogue;
import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.rental.idempotency.IdempotentRequest;
import com.sharedmobility.rental.idempotency.IdempotentRequests;
import com.sharedmobility.rental.process.RentalProcess;
import com.sharedmobility.rental.readmodel.PaymentStatus;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalView;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer applies for a vehicle: one process instance, started in this transaction. The process runs up to its
 * first wait state (the key task, or the payment retry timer) before this returns, so the answer knows the charge.
 */
@Service
public class ApplyForRental {

  public static final String DEFAULT_PAYMENT_METHOD = "pm_card_visa";

  private final MobilityCatalogue catalogue;
  private final RentalReadModel readModel;
  private final RuntimeService runtime;
  private final RentalProperties properties;
  private final IdempotentRequests idempotentRequests;

  public ApplyForRental(MobilityCatalogue catalogue, RentalReadModel readModel, RuntimeService runtime,
                        RentalProperties properties, IdempotentRequests idempotentRequests) {
    this.catalogue = catalogue;
    this.readModel = readModel;
    this.runtime = runtime;
    this.properties = properties;
    this.idempotentRequests = idempotentRequests;
  }

  /**
   * Starts the rental; with an {@code Idempotency-Key}'s request, records in the same transaction that this request
   * started it, so that a repeat after a crash answers with this rental instead of starting another.
   */
  @Transactional
  public RentalView apply(String customer, String mobilityId, int hours, String paymentMethod,
                          IdempotentRequest idempotent) {
    MobilityType type = catalogue.lockForRental(mobilityId)
        .orElseThrow(() -> RentalProblem.unknownMobility(mobilityId));
    if (readModel.hasLiveRental(mobilityId)) {
      throw RentalProblem.vehicleUnavailable(mobilityId);
    }
    String rentalId = UUID.randomUUID().toString();
    if (idempotent != null) {
      idempotentRequests.bind(idempotent, rentalId);
    }
    runtime.createProcessInstanceByKey(RentalProcess.PROCESS_KEY)
        .businessKey(rentalId)
        .setVariables(Variables.createVariables()
            .putValue(RENTAL_ID, rentalId)
            .putValue(CUSTOMER, customer)
            .putValue(MOBILITY_ID, mobilityId)
            // only the pricing decision reads it, in this transaction
            .putValueTyped(MOBILITY_TYPE, Variables.stringValue(type.name(), true))
            .putValue(HOURS, hours)
            .putValue(RENTAL_DURATION, properties.hour().multipliedBy(hours).toString())
            .putValue(PAYMENT_METHOD, paymentMethod == null ? DEFAULT_PAYMENT_METHOD : paymentMethod)
            .putValue(CURRENCY, properties.currency())
            .putValue(PAYMENT_STATUS, PaymentStatus.NONE.name())
            .putValue(PAYMENT_ATTEMPTS, 0))
        .execute();
    return readModel.findOwned(rentalId, customer).orElseThrow();
  }
}
