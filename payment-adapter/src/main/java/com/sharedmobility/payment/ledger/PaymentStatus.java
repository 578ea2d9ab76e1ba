package com.sharedmobility.payment.ledger;

/** Where the payment of a rental stands. */
public enum PaymentStatus {
  /** A charge is under way; the row exists only inside the charging transaction, which holds its lock. */
  PENDING,
  CHARGED,
  DECLINED,
  /** Part of the charge went back (a rental returned early); the rest is kept. */
  PARTLY_REFUNDED,
  REFUNDED,
  /** Refunded before any charge: the rental was given up, so no later charge may take money. */
  VOIDED;

  /** True when the payment is settled for good and no charge may follow. */
  public boolean isClosed() {
    return this == PARTLY_REFUNDED || this == REFUNDED || this == VOIDED;
  }
}
