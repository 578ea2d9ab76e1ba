package com.sharedmobility.payment.security;

import com.sharedmobility.support.security.StatelessBasicSecurity;

/** The roles of the payment API's callers. */
public final class Roles {

  /** The service that moves money for rentals (process-app): may charge, refund and read payments. */
  public static final String PAYMENT_CLIENT = "PAYMENT_CLIENT";
  /** An operator: may read payments, never move money. */
  public static final String OPERATOR = StatelessBasicSecurity.OPERATOR;

  private Roles() {
  }
}
