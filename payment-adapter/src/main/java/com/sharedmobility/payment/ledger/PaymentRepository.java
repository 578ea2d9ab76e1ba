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

  /** The oldest extension charges no rental confirmed yet, through {@code ledger_entry_unconfirmed_idx}. */
  @Query("select new com.sharedmobility.payment.ledger.UnconfirmedCharge(e.payment.rentalId, e.bookedAt, e.operation)"
      + " from LedgerEntry e where e.type = com.sharedmobility.payment.ledger.EntryType.EXTENSION"
      + " and e.confirmedAt is null and e.bookedAt < :chargedBefore order by e.bookedAt")
  List<UnconfirmedCharge> findUnconfirmedExtensions(Instant chargedBefore, Limit limit);

  @Modifying
  @Query("update LedgerEntry e set e.confirmedAt = :at where e.type = com.sharedmobility.payment.ledger.EntryType.EXTENSION"
      + " and e.operation in :extensionIds and e.confirmedAt is null")
  int confirmExtensions(Collection<String> extensionIds, Instant at);

  /** One statement for a whole batch; a payment confirmed before keeps its first confirmation. */
  @Modifying
  @Query("update Payment p set p.confirmedAt = :at where p.rentalId in :rentalIds and p.confirmedAt is null")
  int confirm(Collection<UUID> rentalIds, Instant at);
}
