package com.sharedmobility.rental.payment;

import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.rental.config.RentalProperties.Retry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Decides, from the BPMN, whether and when to retry a charge while the payment service is unavailable. */
@Component("paymentRetryPolicy")
public class PaymentRetryPolicy {

  private final Retry retry;

  public PaymentRetryPolicy(RentalProperties properties) {
    this.retry = properties.payment().retry();
  }

  public boolean hasAttemptsLeft(int attemptsMade) {
    return attemptsMade < retry.maxAttempts();
  }

  /** Exponential backoff as an ISO-8601 duration for the BPMN timer: initial, initial x multiplier, ... up to max. */
  public String delayAfter(int attemptsMade) {
    double factor = Math.pow(retry.multiplier(), Math.max(0, attemptsMade - 1));
    long millis = (long) Math.min(retry.initialDelay().toMillis() * factor, retry.maxDelay().toMillis());
    return Duration.ofMillis(millis).toString();
  }
}
