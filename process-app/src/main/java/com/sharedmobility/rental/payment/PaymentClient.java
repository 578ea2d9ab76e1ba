package com.sharedmobility.rental.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** HTTP client of the payment service; timeouts are set in application.yml (spring.cloud.openfeign.client.config.payment). */
@FeignClient(name = "payment", url = "${rental.payment.url}", configuration = PaymentClientConfiguration.class)
public interface PaymentClient {

  @PostMapping("/payments/{rentalId}/charge")
  PaymentReceipt charge(@PathVariable("rentalId") String rentalId, @RequestBody ChargeRequest request);

  @PostMapping("/payments/{rentalId}/refund")
  PaymentReceipt refund(@PathVariable("rentalId") String rentalId, @RequestBody RefundRequest request);

  /** Charges the extra hours of an extension, once per extension id; 402 when declined. */
  @PostMapping("/payments/{rentalId}/extensions/{extensionId}")
  PaymentReceipt extend(@PathVariable("rentalId") String rentalId, @PathVariable("extensionId") String extensionId,
                        @RequestBody ExtensionRequest request);

  /** Pays back an extension's charge whose extension never came to be. */
  @PostMapping("/payments/{rentalId}/extensions/{extensionId}/refund")
  PaymentReceipt releaseExtension(@PathVariable("rentalId") String rentalId,
                                  @PathVariable("extensionId") String extensionId);

  /** Charges that no rental confirmed yet, made before {@code chargedBefore}, oldest first. */
  @GetMapping("/payments/unconfirmed")
  List<UnconfirmedCharge> unconfirmed(@RequestParam("chargedBefore") Instant chargedBefore,
                                      @RequestParam("limit") int limit);

  /** Tells the payment service that these rentals exist, so their charges are no orphans. */
  @PostMapping("/payments/confirmations")
  Confirmations confirm(@RequestBody ConfirmationRequest request);

  record ChargeRequest(BigDecimal amount, String currency, String paymentMethod, String customer) {
  }

  record ExtensionRequest(BigDecimal amount, String currency) {
  }

  /** {@code amount} null: the whole charge goes back. */
  record RefundRequest(BigDecimal amount) {
  }

  /** A rental's first charge, or the charge of one of its extensions ({@code extensionId}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record UnconfirmedCharge(String rentalId, Instant chargedAt, String extensionId) {
  }

  record ConfirmationRequest(List<String> rentalIds, List<String> extensionIds) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Confirmations(int confirmed) {
  }

  /**
   * The payment service's view of one rental's payment; {@code status} is CHARGED, DECLINED, PARTLY_REFUNDED,
   * REFUNDED or VOIDED.
   * A tolerant reader: fields the payment service adds later must not break the charge.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record PaymentReceipt(String rentalId, String status, BigDecimal amount, BigDecimal refundedAmount,
                        String currency, Instant createdAt) {

    /** What went back; a payment service from before partial refunds names no amount, and refunded all of it. */
    public BigDecimal refunded() {
      return refundedAmount != null || !"REFUNDED".equals(status) ? refundedAmount : amount;
    }
  }
}
