package com.sharedmobility.key.security;

import com.sharedmobility.support.security.StatelessBasicSecurity;

/** The roles of the key API's callers. */
public final class Roles {

  /** A vehicle's on-board unit: may verify keys. */
  public static final String VEHICLE = "VEHICLE";
  /** An operator: may look at keys and metrics. */
  public static final String OPERATOR = StatelessBasicSecurity.OPERATOR;

  private Roles() {
  }
}
