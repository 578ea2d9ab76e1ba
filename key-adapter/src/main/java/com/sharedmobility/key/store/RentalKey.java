package com.sharedmobility.key.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import org.springframework.data.domain.Persistable;

/**
 * The key of one rental. Its code never leaves the service except to the process and verifying vehicles. A
 * tombstone is the row a revoke leaves for a rental that had no key yet: REVOKED, without vehicle, code or validity,
 * so that the rental never gets a key afterwards.
 */
@Entity
@Table(name = "rental_key")
public class RentalKey implements Persistable<String> {

  @Id
  @Column(name = "rental_id", length = 36)
  private String rentalId;

  @Column(name = "mobility_id", length = 100)
  private String mobilityId;

  @Column(name = "key_code", length = 4)
  private String code;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 16)
  private KeyStatus status;

  @Column(name = "issued_at")
  private Instant issuedAt;

  @Column(name = "valid_until")
  private Instant validUntil;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "first_unlocked_at")
  private Instant firstUnlockedAt;

  /** The id is the rental's, assigned before saving: this tells Spring Data to insert rather than merge. */
  @Transient
  private boolean isNew = true;

  protected RentalKey() {
    // for JPA
  }

  RentalKey(String rentalId, String mobilityId, String code, Instant issuedAt, Instant validUntil) {
    this.rentalId = rentalId;
    this.mobilityId = mobilityId;
    this.code = code;
    this.status = KeyStatus.ISSUED;
    this.issuedAt = issuedAt;
    this.validUntil = validUntil;
  }

  static RentalKey tombstone(String rentalId, Instant revokedAt) {
    RentalKey tombstone = new RentalKey();
    tombstone.rentalId = rentalId;
    tombstone.status = KeyStatus.REVOKED;
    tombstone.revokedAt = revokedAt;
    return tombstone;
  }

  @PostLoad
  @PostPersist
  void markStored() {
    isNew = false;
  }

  @Override
  public String getId() {
    return rentalId;
  }

  @Override
  public boolean isNew() {
    return isNew;
  }

  /** A revoke came before any key: the rental was cancelled or ended without one. */
  public boolean isTombstone() {
    return code == null;
  }

  public boolean isLiveAt(Instant now) {
    return status == KeyStatus.ISSUED && validUntil.isAfter(now);
  }

  public KeyState stateAt(Instant now) {
    if (status == KeyStatus.REVOKED) {
      return KeyState.REVOKED;
    }
    return isLiveAt(now) ? KeyState.ISSUED : KeyState.EXPIRED;
  }

  public String getRentalId() {
    return rentalId;
  }

  public String getMobilityId() {
    return mobilityId;
  }

  public String getCode() {
    return code;
  }

  public KeyStatus getStatus() {
    return status;
  }

  public Instant getIssuedAt() {
    return issuedAt;
  }

  /** Never shortens: a key only ever gains time here. */
  void validAtLeastUntil(Instant until) {
    if (until.isAfter(validUntil)) {
      validUntil = until;
    }
  }

  public Instant getValidUntil() {
    return validUntil;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  /** When the key first opened the vehicle; null while it never did. */
  public Instant getFirstUnlockedAt() {
    return firstUnlockedAt;
  }
}
