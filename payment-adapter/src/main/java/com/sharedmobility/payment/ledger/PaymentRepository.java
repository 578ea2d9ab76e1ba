package com.sharedmobility.payment.ledger;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface PaymentRepository extends JpaRepository<Payment, UUID> {

  /** The payment, row-locked until the transaction ends, so that requests for one rental take turns. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select p from Payment p where p.rentalId = :rentalId")
  Optional<Payment> findForUpdate(UUID rentalId);

  List<Payment> findByOrderByCreatedAtDesc(Limit limit);

  List<Payment> findByStatusOrderByCreatedAtDesc(PaymentStatus status, Limit limit);
}
