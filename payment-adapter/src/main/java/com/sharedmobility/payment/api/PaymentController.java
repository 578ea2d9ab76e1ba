package com.sharedmobility.payment.api;

import com.sharedmobility.payment.ledger.Payment;
import com.sharedmobility.payment.ledger.PaymentLedger;
import com.sharedmobility.payment.ledger.PaymentStatus;
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
    return new Confirmations(ledger.confirm(request.rentalIds()));
  }

  @GetMapping
  public List<PaymentResponse> list(
      @RequestParam(required = false) PaymentStatus status,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return ledger.list(status, limit).stream().map(PaymentResponse::of).toList();
  }
}
