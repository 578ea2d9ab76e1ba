package com.sharedmobility.rental.key;

import com.sharedmobility.rental.usecase.RentalProblem;
import feign.FeignException;
import feign.RetryableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a cancel asks the key service before anything else: withdraw the rental's key unless it ever opened the
 * vehicle. The key service decides on the key's own row, in turn with the vehicle's verifications, so a cancel and a
 * first unlock never both win.
 */
@Component
public class KeyWithdrawal {

  private static final Logger LOG = LoggerFactory.getLogger(KeyWithdrawal.class);
  private static final int CONFLICT = 409;
  private static final long RETRY_AFTER_SECONDS = 5;

  private final KeyClient keys;

  public KeyWithdrawal(KeyClient keys) {
    this.keys = keys;
  }

  /**
   * Returns once the key can no longer open the vehicle (or there never was one).
   *
   * @throws RentalProblem 409 when the key opened the vehicle already, 503 when the key service cannot answer (or
   *     refuses process-app's account)
   */
  public void withdraw(String rentalId) {
    try {
      keys.withdraw(rentalId);
    } catch (RetryableException e) {
      throw RentalProblem.keyServiceUnavailable(RETRY_AFTER_SECONDS);
    } catch (FeignException e) {
      if (e.status() == CONFLICT) {
        throw RentalProblem.alreadyUnlocked(rentalId);
      }
      if (e.status() < 500) {
        // our account refused (a secret rotated on one side only): the operators' trouble, not the customer's
        LOG.error("the key service refused the withdrawal of rental {} with HTTP {}: {}", rentalId, e.status(),
            e.contentUTF8());
      }
      throw RentalProblem.keyServiceUnavailable(RETRY_AFTER_SECONDS);
    }
  }
}
