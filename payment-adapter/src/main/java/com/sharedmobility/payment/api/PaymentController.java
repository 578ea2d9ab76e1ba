package com.sharedmobility.payment.api;

import com.sharedmobility.payment.ledger.Extension;
import com.sharedmobility.payment.ledger.Payment;
import com.sharedmobility.payment.ledger.PaymentLedger;
import com.sharedmobility.payment.ledger.PaymentStatus;
import com.sharedmobility.payment.provider.ChargeOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import com.sharedmobility.payment.ledger.UnconfirmedCharge;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Charges, refunds and reads the payments of rentals. */
@RestController
@RequestMapping("/payments")
public class PaymentController {

  private final PaymentLedger ledger;

  public PaymentController(PaymentLedger ledger) {
    this.ledger = ledger;
  }

  @PostMapping("/{rentalId}/charge")
  public PaymentResponse charge(@PathVariable UUID rentalId, @Valid @RequestBody ChargeRequest request) {
    Payment payment = ledger.charge(rentalId, request.toCharge());
    if (payment.getStatus() == PaymentStatus.DECLINED) {
      throw new PaymentDeclinedException(payment);
    }
    return PaymentResponse.of(payment);
  }

  /** Without a body, or without its amount, the whole charge goes back. */
  @PostMapping("/{rentalId}/refund")
  public PaymentResponse refund(@PathVariable UUID rentalId,
      @Valid @RequestBody(required = false) RefundRequest request) {
    return PaymentResponse.of(ledger.refund(rentalId, request == null ? null : request.amount()));
  }

  /** The extra hours of an extended rental: charged once per extension id, 402 when the card provider declines. */
  @PostMapping("/{rentalId}/extensions/{extensionId}")
  public PaymentResponse extend(@PathVariable UUID rentalId, @PathVariable UUID extensionId,
      @Valid @RequestBody ExtensionRequest request) {
    Extension extension = ledger.extend(rentalId, extensionId, request.amount(), request.currency());
    if (extension.outcome() == ChargeOutcome.DECLINED) {
      throw new PaymentDeclinedException(extension.payment());
    }
    return PaymentResponse.of(extension.payment());
  }

  /** An extension charge whose extension never came to be goes back; harmless to repeat or when none was made. */
  @PostMapping("/{rentalId}/extensions/{extensionId}/refund")
  public PaymentResponse releaseExtension(@PathVariable UUID rentalId, @PathVariable UUID extensionId) {
    return PaymentResponse.of(ledger.releaseExtension(rentalId, extensionId));
  }

  @GetMapping("/{rentalId}")
  public PaymentResponse get(@PathVariable UUID rentalId) {
    return PaymentResponse.of(ledger.find(rentalId));
  }

  /** Charges no rental confirmed yet, made before {@code chargedBefore}, oldest first: what reconciliation examines. */
  @GetMapping("/unconfirmed")
  public List<UnconfirmedCharge> unconfirmed(
      @RequestParam @NotNull Instant chargedBefore,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return ledger.unconfirmedCharges(chargedBefore, limit);
  }

  /** The rentals of these payments exist: their charges are no orphans. Repeating it changes nothing. */
  @PostMapping("/confirmations")
  public Confirmations confirm(@Valid @RequestBody Confirmations.Request request) {
    return new Confirmations(ledger.confirm(request.rentals(), request.extensions()));
  }

  @GetMapping
  public List<PaymentResponse> list(
      @RequestParam(required = false) PaymentStatus status,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return ledger.list(status, limit).stream().map(PaymentResponse::of).toList();
  }
}
