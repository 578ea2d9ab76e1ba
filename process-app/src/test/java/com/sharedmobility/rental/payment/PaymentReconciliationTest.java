package com.sharedmobility.rental.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.payment.PaymentClient.PaymentReceipt;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplyForRental;
import com.sharedmobility.rental.usecase.CancelRental;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PaymentReconciliationTest extends RentalTestBase {

  @Autowired
  PaymentReconciliation reconciliation;
  @Autowired
  ApplyForRental applyForRental;
  @Autowired
  CancelRental cancelRental;
  @Autowired
  MeterRegistry meters;

  @Test
  void refundsOldChargesWhoseRentalNeverCommittedOrEndedWithoutPayment() {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    RentalView live = applyForRental.apply("alice", "car-05", 1, null);
    RentalView cancelling = applyForRental.apply("bob", "car-06", 1, null);
    cancelRental.cancel("bob", cancelling.id());
    String neverCommitted = UUID.randomUUID().toString();
    String stillStarting = UUID.randomUUID().toString();
    Instant old = Instant.now().minus(Duration.ofMinutes(10));
    when(payments.charged(anyInt())).thenReturn(List.of(
        charged(neverCommitted, old), charged(live.id(), old), charged(cancelling.id(), old),
        charged(stillStarting, Instant.now())));
    double before = meters.counter("rental.payments.reconciled").count();

    assertThat(reconciliation.reconcile()).containsExactly(neverCommitted);

    verify(payments).refund(neverCommitted);
    verify(payments, never()).refund(live.id());
    verify(payments, never()).refund(stillStarting);
    // a CANCELLING rental's own process refunds it
    verify(payments, never()).refund(cancelling.id());
    assertThat(meters.counter("rental.payments.reconciled").count()).isEqualTo(before + 1);
  }

  /** Its settlement refunds it; should that ever be lost, no live rental stands behind the charge. */
  @Test
  void refundsTheChargeOfARentalAnOperatorAborted() {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    RentalView aborted = applyForRental.apply("alice", "car-07", 1, null);
    engine.getRuntimeService().deleteProcessInstance(aborted.processInstanceId(), "deleted in Cockpit", true);
    when(payments.charged(anyInt())).thenReturn(List.of(charged(aborted.id(), Instant.now().minusSeconds(600))));

    assertThat(reconciliation.reconcile()).containsExactly(aborted.id());
  }

  @Test
  void aPaymentServiceThatIsDownSkipsTheRoundQuietly() {
    when(payments.charged(anyInt())).thenThrow(new PaymentUnavailableException("down", null));

    reconciliation.refundOrphanCharges();

    verify(payments, never()).refund(any());
  }

  private static PaymentReceipt charged(String rentalId, Instant createdAt) {
    return new PaymentReceipt(rentalId, "CHARGED", new BigDecimal("12.00"), "EUR", createdAt);
  }
}
