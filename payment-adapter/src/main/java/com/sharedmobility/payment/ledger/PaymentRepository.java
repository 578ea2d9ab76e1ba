package com.sharedmobility.payment.ledger;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface PaymentRepository extends JpaRepository<Payment, UUID> {

  /** The payment, row-locked until the transaction ends, so that requests for one rental take turns. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select p from Payment p where p.rentalId = :rentalId")
  Optional<Payment> findForUpdate(UUID rentalId);

  List<Payment> findByOrderByCreatedAtDesc(Limit limit);

  List<Payment> findByStatusOrderByCreatedAtDesc(PaymentStatus status, Limit limit);

  /** The oldest charges that no rental confirmed yet, through {@code payment_unconfirmed_idx}. */
  @Query("select new com.sharedmobility.payment.ledger.UnconfirmedCharge(p.rentalId, p.createdAt) from Payment p"
      + " where p.status = com.sharedmobility.payment.ledger.PaymentStatus.CHARGED and p.confirmedAt is null"
      + " and p.createdAt < :chargedBefore order by p.createdAt")
  List<UnconfirmedCharge> findUnconfirmedCharges(Instant chargedBefore, Limit limit);

  /** One statement for a whole batch; a payment confirmed before keeps its first confirmation. */
  @Modifying
  @Query("update Payment p set p.confirmedAt = :at where p.rentalId in :rentalIds and p.confirmedAt is null")
  int confirm(Collection<UUID> rentalIds, Instant at);
}
