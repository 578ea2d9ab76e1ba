package com.sharedmobility.rental.app;

import com.sharedmobility.rental.usecase.Refusals;
import com.sharedmobility.rental.usecase.Refusals.Refusal;
import com.sharedmobility.rental.usecase.RentalProblem;
import com.sharedmobility.support.errors.Causes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the customer is told when a use case refuses: the outcomes the API answers as problem+json (the same
 * {@link Refusals}), as a sentence of the text bundle. Anything unforeseen is logged and told as our fault.
 */
@Component
public class ProblemNotices {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemNotices.class);

  private final Refusals refusals;

  public ProblemNotices(Refusals refusals) {
    this.refusals = refusals;
  }

  public Notice of(Exception failure) {
    Optional<RentalProblem> problem = Causes.find(failure, RentalProblem.class);
    if (problem.isPresent()) {
      return new Notice("problem." + problem.get().kind());
    }
    return of(refusals.of(failure));
  }

  /** The sentence of a refusal that {@link Refusals} already classified (and counted). */
  Notice of(Refusal refusal) {
    return switch (refusal.kind()) {
      case NO_PRICE -> new Notice("problem.NO_PRICE");
      case PAYMENT_METHOD -> new Notice("problem.PAYMENT_METHOD");
      case PAYMENT_SERVICE -> new Notice("problem.PAYMENT_SERVICE");
      case CHARGES_BUSY, POOL_BUSY -> new Notice("problem.BUSY");
      case DATABASE_UNREACHABLE -> new Notice("problem.DATABASE_UNREACHABLE");
      case UNFORESEEN -> {
        LOG.error("unexpected error in the customer app", refusal.cause());
        yield new Notice("problem.UNEXPECTED");
      }
    };
  }
}
