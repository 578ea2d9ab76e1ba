package com.sharedmobility.rental.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.payment.PaymentClient.UnconfirmedCharge;
import com.sharedmobility.rental.process.RentalProcess;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplyForRental;
import com.sharedmobility.rental.usecase.CancelRental;
import com.sharedmobility.rental.usecase.ExtendRental;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pass's decisions with the payment service mocked; PaymentReconciliationIT proves it against the real payment
 * service with a ledger of a million payments.
 */
class PaymentReconciliationTest extends RentalTestBase {

  @Autowired
  PaymentReconciliation reconciliation;
  @Autowired
  ApplyForRental applyForRental;
  @Autowired
  CancelRental cancelRental;
  @Autowired
  ExtendRental extendRental;
  @Autowired
  MeterRegistry meters;

  @Test
  void refundsOnlyChargesWithoutARentalAndConfirmsEveryChargeWhoseRentalExists() {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    RentalView live = applyForRental.apply("alice", "car-05", 1, null, null);
    RentalView cancelling = applyForRental.apply("bob", "car-06", 1, null, null);
    cancelRental.cancel("bob", cancelling.id());
    RentalView aborted = applyForRental.apply("alice", "car-07", 1, null, null);
    engine.getRuntimeService().deleteProcessInstance(aborted.processInstanceId(), "deleted in Cockpit", true);
    String neverCommitted = UUID.randomUUID().toString();
    when(payments.unconfirmed(any(), anyInt())).thenReturn(List.of(
        unconfirmed(neverCommitted), unconfirmed(live.id()), unconfirmed(cancelling.id()), unconfirmed(aborted.id())));
    when(payments.confirm(anyList(), anyList())).thenReturn(3);
    double before = meters.counter("rental.payments.reconciled").count();

    assertThat(reconciliation.reconcile()).containsExactly(neverCommitted);

    verify(payments).refund(neverCommitted);
    // each rental's own process gives its money back, key first: CANCELLING and ABORTED ones too
    verify(payments, never()).refund(live.id());
    verify(payments, never()).refund(cancelling.id());
    verify(payments, never()).refund(aborted.id());
    @SuppressWarnings("unchecked")
    ArgumentCaptor<List<String>> confirmedIds = ArgumentCaptor.forClass(List.class);
    verify(payments).confirm(confirmedIds.capture(), eq(List.of()));
    assertThat(confirmedIds.getValue()).containsExactlyInAnyOrder(live.id(), cancelling.id(), aborted.id());
    assertThat(meters.counter("rental.payments.reconciled").count()).isEqualTo(before + 1);
  }

  @Test
  void confirmsTheChargesOfAppliedExtensionsAndReleasesTheOthers() {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    RentalView rental = applyForRental.apply("alice", "car-05", 1, null, null);
    complete(externalTask(instanceOf(rental)), withVariables(RentalProcess.Variables.KEY, "1357"));
    when(payments.extend(any(), any(), any(), any())).thenReturn(CHARGED);
    extendRental.extend("alice", rental.id(), 1);
    String applied = jdbc.sql("SELECT id FROM rental_extension WHERE rental_id = :id").param("id", rental.id())
        .query(String.class).single();
    String rolledBack = UUID.randomUUID().toString();
    when(payments.unconfirmed(any(), anyInt())).thenReturn(List.of(
        new UnconfirmedCharge(rental.id(), Instant.now().minus(Duration.ofMinutes(9)), applied),
        new UnconfirmedCharge(rental.id(), Instant.now().minus(Duration.ofMinutes(8)), rolledBack)));

    assertThat(reconciliation.reconcile()).containsExactly(rolledBack);

    verify(payments).confirm(List.of(), List.of(applied));
    verify(payments).releaseExtension(rental.id(), rolledBack);
    verify(payments, never()).releaseExtension(rental.id(), applied);
    verify(payments, never()).refund(any());
  }

  @Test
  void asksOnlyForChargesOlderThanTheGrace() {
    when(payments.unconfirmed(any(), anyInt())).thenReturn(List.of());
    ArgumentCaptor<Instant> chargedBefore = ArgumentCaptor.forClass(Instant.class);

    reconciliation.reconcile();

    verify(payments).unconfirmed(chargedBefore.capture(), anyInt());
    // RentalTestBase runs the local profile's grace of five minutes
    assertThat(chargedBefore.getValue()).isBetween(Instant.now().minus(Duration.ofMinutes(5)).minusSeconds(5),
        Instant.now().minus(Duration.ofMinutes(5)));
  }

  @Test
  void goesOnBatchByBatchUntilNoUnconfirmedChargeIsLeft() {
    List<UnconfirmedCharge> full = IntStream.range(0, 250).mapToObj(i -> unconfirmed(UUID.randomUUID().toString()))
        .toList();
    List<UnconfirmedCharge> last = List.of(unconfirmed(UUID.randomUUID().toString()));
    when(payments.unconfirmed(any(), anyInt())).thenReturn(full, last);

    assertThat(reconciliation.reconcile()).hasSize(251);

    verify(payments, times(2)).unconfirmed(any(), anyInt());
    verify(payments, times(251)).refund(any());
  }

  @Test
  void stopsTheRoundWhenChargesItHandledComeBackUnconfirmed() {
    List<UnconfirmedCharge> full = IntStream.range(0, 250).mapToObj(i -> unconfirmed(UUID.randomUUID().toString()))
        .toList();
    when(payments.unconfirmed(any(), anyInt())).thenReturn(full);

    reconciliation.reconcile();

    verify(payments, times(2)).unconfirmed(any(), anyInt());
    verify(payments, times(250)).refund(any());
  }

  @Test
  void aPaymentServiceThatIsDownSkipsTheRoundQuietly() {
    when(payments.unconfirmed(any(), anyInt())).thenThrow(new PaymentUnavailableException("down", null));

    reconciliation.refundOrphanCharges();

    verify(payments, never()).refund(any());
  }

  private static UnconfirmedCharge unconfirmed(String rentalId) {
    return new UnconfirmedCharge(rentalId, Instant.now().minus(Duration.ofMinutes(10)), null);
  }
}
