package com.sharedmobility.key.security;

import com.sharedmobility.support.security.StatelessBasicSecurity;

/** The roles of the key API's callers. */
public final class Roles {

  /** A vehicle's on-board unit: may verify keys. */
  public static final String VEHICLE = "VEHICLE";
  /** process-app: may withdraw a key when its rental is cancelled. */
  public static final String RENTAL_PROCESS = "RENTAL_PROCESS";
  /** An operator: may look at keys and metrics. */
  public static final String OPERATOR = StatelessBasicSecurity.OPERATOR;

  private Roles() {
  }
}
