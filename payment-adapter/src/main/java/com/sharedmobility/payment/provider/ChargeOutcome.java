package com.sharedmobility.payment.provider;

/** What the card provider answered to a charge. */
public enum ChargeOutcome {
  CHARGED,
  DECLINED
}
