package com.sharedmobility.rental.payment;

/**
 * An application's own charge found every slot of the charge bulkhead taken: more applications arrive than the
 * payment service answers, which is load, not an outage. The application is refused (503) rather than accepted for a
 * payment retry that would come minutes later.
 */
public class ChargesBusyException extends RuntimeException {

  public ChargesBusyException(Throwable cause) {
    super("too many charges waiting for the payment service", cause);
  }
}
