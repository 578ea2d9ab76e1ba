package com.sharedmobility.payment.ledger;

/** The kind of money movement a ledger entry records. */
public enum EntryType {
  CHARGE,
  /** The extra hours of a rental extended while it ran: a charge of its own, keyed by the extension's id. */
  EXTENSION,
  REFUND
}
