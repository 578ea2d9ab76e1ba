package com.sharedmobility.rental.readmodel;

import java.util.EnumSet;
import java.util.Set;

public enum RentalStatus {
  PAYMENT_PENDING, KEY_PENDING, ACTIVE,
  /** Returned early: the key is being revoked, then the unused hours refunded. */
  RETURNING,
  COMPLETED, CANCELLING, CANCELLED, REJECTED,
  /** An operator ended the rental's process instance outside the product: the key is revoked, the money refunded. */
  ABORTED;

  /** States in which the vehicle is taken: a key may work or may still be issued. */
  public static final Set<RentalStatus> LIVE = EnumSet.of(PAYMENT_PENDING, KEY_PENDING, ACTIVE, RETURNING,
      CANCELLING);
}
