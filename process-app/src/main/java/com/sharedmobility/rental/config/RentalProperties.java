package com.sharedmobility.rental.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the rental service ({@code rental.*} in application.yml, overridable from the environment).
 *
 * @param hour length of one rental hour; shorter in demos and tests so rentals run out in seconds
 * @param currency currency of every amount (the pricing decision is in this currency)
 * @param opsGroup the Camunda group of operators, granted Cockpit and Tasklist on the rental process at every start
 *     (OpsGroupAccess); blank for none
 */
@Validated
@ConfigurationProperties("rental")
public record RentalProperties(@NotNull Duration hour,
                               @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
                               @Valid @NotNull Payment payment,
                               @Valid @NotNull Keys keys,
                               @Valid @NotNull Reconciliation reconciliation,
                               @Valid @NotNull KeyWorker keyWorker,
                               @Valid @NotNull Operator operator,
                               String opsGroup) {

  /**
   * The payment service: where it is, how process-app authenticates to it, and how often and how far apart the
   * process retries a charge while it is unavailable.
   */
  public record Payment(@NotBlank String url,
                        @NotBlank(message = "must be set (env PAYMENT_CLIENT_USERNAME)") String username,
                        @NotBlank(message = "must be set (env PAYMENT_CLIENT_PASSWORD)") String password,
                        @Valid @NotNull Retry retry) {
  }

  /** The key service, and how process-app authenticates to it (a cancel withdraws the rental's key there). */
  public record Keys(@NotBlank String url,
                     @NotBlank(message = "must be set (env KEY_CLIENT_USERNAME)") String username,
                     @NotBlank(message = "must be set (env KEY_CLIENT_PASSWORD)") String password) {
  }

  /** The technical Camunda user the key service's worker signs in to engine REST with. */
  public record KeyWorker(@NotBlank(message = "must be set (env KEY_WORKER_USERNAME)") String username,
                          @NotBlank(message = "must be set (env KEY_WORKER_PASSWORD)") String password) {
  }

  /** The staff account that reads the actuator's metrics (Prometheus scrapes with it). */
  public record Operator(@NotBlank(message = "must be set (env RENTAL_OPERATOR_USERNAME)") String username,
                         @NotBlank(message = "must be set (env RENTAL_OPERATOR_PASSWORD)") String password) {
  }

  /**
   * How often to look for charges without a rental (the start transaction rolled back after the charge), how old an
   * unconfirmed charge must be before it counts (a start still in flight must not be refunded), and how many charges
   * one call handles (a batch of confirmations must fit the payment service's 16 KB body limit).
   */
  public record Reconciliation(@NotNull Duration interval, @NotNull Duration grace,
                               @Min(1) @Max(300) int batchSize) {
  }

  public record Retry(@Min(1) int maxAttempts,
                      @NotNull Duration initialDelay,
                      @DecimalMin("1.0") double multiplier,
                      @NotNull Duration maxDelay) {
  }
}
