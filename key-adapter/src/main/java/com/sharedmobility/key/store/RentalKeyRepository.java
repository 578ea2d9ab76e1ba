package com.sharedmobility.key.store;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RentalKeyRepository extends JpaRepository<RentalKey, String> {

  @Query("""
      select k.code from RentalKey k
      where k.mobilityId = :mobilityId and k.status = com.sharedmobility.key.store.KeyStatus.ISSUED
        and k.validUntil > :now""")
  Set<String> findLiveCodes(@Param("mobilityId") String mobilityId, @Param("now") Instant now);

  @Query("""
      select k from RentalKey k
      where k.mobilityId = :mobilityId and k.code = :code
        and k.status = com.sharedmobility.key.store.KeyStatus.ISSUED and k.validUntil > :now
      order by k.issuedAt desc
      limit 1""")
  Optional<RentalKey> findLive(@Param("mobilityId") String mobilityId, @Param("code") String code,
      @Param("now") Instant now);

  /**
   * The first unlock, once: only while the key is live and never opened the vehicle before. Clears the persistence
   * context, so that a read after it sees what a concurrent verify or withdrawal committed.
   */
  @Modifying(clearAutomatically = true)
  @Query("""
      update RentalKey k set k.firstUnlockedAt = :now
      where k.rentalId = :rentalId and k.status = com.sharedmobility.key.store.KeyStatus.ISSUED
        and k.validUntil > :now and k.firstUnlockedAt is null""")
  int markFirstUnlock(@Param("rentalId") String rentalId, @Param("now") Instant now);

  /** Conditional, so that a revocation never moves the {@code revoked_at} of an earlier one. */
  @Modifying
  @Query("""
      update RentalKey k set k.status = com.sharedmobility.key.store.KeyStatus.REVOKED, k.revokedAt = :now
      where k.rentalId = :rentalId and k.status = com.sharedmobility.key.store.KeyStatus.ISSUED""")
  int revoke(@Param("rentalId") String rentalId, @Param("now") Instant now);
}
