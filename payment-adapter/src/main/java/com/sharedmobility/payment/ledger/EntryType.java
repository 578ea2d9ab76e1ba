package com.sharedmobility.payment.ledger;

/** The kind of money movement a ledger entry records. */
public enum EntryType {
  CHARGE,
  REFUND
}
