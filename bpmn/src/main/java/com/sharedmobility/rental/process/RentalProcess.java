package com.sharedmobility.rental.process;

import java.util.Set;

/**
 * The names the rental process shares with the services around it: process and decision keys, topics,
 * messages, BPMN errors and variables. The BPMN and DMN files use the same strings; tests keep them in step.
 */
public final class RentalProcess {

  public static final String PROCESS_KEY = "rental";
  /** Revokes the key and refunds the charge of a rental whose instance an operator ended outside the product. */
  public static final String ABORT_PROCESS_KEY = "rentalAbort";
  public static final String PRICING_DECISION_KEY = "pricing";
  /**
   * The rental model's {@code versionTag}: raised with every change that rentals started on the model before must
   * be told apart from (docs/operations.md, "Deploy a new model version"). 1: before returns and extensions.
   */
  public static final String MODEL_VERSION = "2";

  /** Activities that services outside the model look for (monitoring). */
  public static final class Activities {
    /** The Tasklist task of group ops when no key could be issued automatically. */
    public static final String ISSUE_KEY_MANUALLY = "Task_IssueKeyManually";
    /** The rental's time-up timer, which an extension moves. */
    public static final String RENTAL_TIME_UP = "Event_RentalTimeUp";
    /** The activities that give a rental a key: until one of them started, no key of the rental can exist. */
    public static final Set<String> KEY_MAKERS = Set.of("Task_IssueKey", "Task_RegisterManualKey");
    /**
     * The activities that revoke a rental's key, in both models. The key service never issues a key again for a
     * rental whose key it revoked, so once one of them completed, the rental's money may go back.
     */
    public static final Set<String> KEY_REVOKERS = Set.of("Task_RevokeKey", "Task_RevokeManualKey",
        "Task_RevokeUnconfirmedKey", "Task_RevokeExpiredKey", "Task_RevokeReturnedKey", "Task_RevokeAbortedKey");

    private Activities() {
    }
  }

  /** External task topics, done by the key service. */
  public static final class Topics {
    public static final String ISSUE_KEY = "issue-key";
    public static final String REVOKE_KEY = "revoke-key";
    /** Stores the key an operator chose when the automatic issue was impossible. */
    public static final String REGISTER_KEY = "register-key";
    /** Makes the rental's key last its new {@link Variables#RENTAL_DURATION} after an extension. */
    public static final String EXTEND_KEY = "extend-key";

    private Topics() {
    }
  }

  public static final class Messages {
    public static final String CANCEL_RENTAL = "CancelRental";
    /** The customer ended an ACTIVE rental early; carries {@link Variables#REFUND_DUE}. */
    public static final String RETURN_VEHICLE = "ReturnVehicle";
    /**
     * The customer paid for more hours of an ACTIVE rental; carries {@link Variables#EXTENSION_ID},
     * {@link Variables#EXTRA_HOURS} and {@link Variables#EXTRA_AMOUNT} into the extension's scope.
     */
    public static final String EXTEND_RENTAL = "ExtendRental";

    private Messages() {
    }
  }

  public static final class Errors {
    public static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";
    public static final String PAYMENT_UNAVAILABLE = "PAYMENT_UNAVAILABLE";
    /** The key service cannot issue a key for this rental at all (not a passing fault): an operator steps in. */
    public static final String KEY_NOT_ISSUABLE = "KEY_NOT_ISSUABLE";
    /** The key an operator chose is malformed or already opens another rental of the vehicle. */
    public static final String KEY_REJECTED = "KEY_REJECTED";

    private Errors() {
    }
  }

  public static final class Variables {
    public static final String RENTAL_ID = "rentalId";
    public static final String CUSTOMER = "customer";
    public static final String MOBILITY_ID = "mobilityId";
    /** Input of the pricing decision, transient: it exists only in the application's transaction. */
    public static final String MOBILITY_TYPE = "mobilityType";
    public static final String HOURS = "hours";
    /** ISO-8601 duration of the whole rental: hours x RENTAL_HOUR. */
    public static final String RENTAL_DURATION = "rentalDuration";
    public static final String PAYMENT_METHOD = "paymentMethod";
    public static final String AMOUNT = "amount";
    public static final String CURRENCY = "currency";
    public static final String PAYMENT_ATTEMPTS = "paymentAttempts";
    /** Why the last charge attempt failed (e.g. the breaker is open): kept in the process history for operators. */
    public static final String PAYMENT_FAILURE = "paymentFailure";
    public static final String PAYMENT_STATUS = "paymentStatus";
    /**
     * What a return pays back (the amount paid minus the price of the hours begun), decimal text with cents: money
     * is never a double here, and the model's gateway compares it with {@code '0.00'}.
     */
    public static final String REFUND_DUE = "refundDue";
    /** The id of one extension: its charge at the payment service and its row in the read model. */
    public static final String EXTENSION_ID = "extensionId";
    public static final String EXTRA_HOURS = "extraHours";
    /** What the extension charged, decimal text with cents (zero when the new total costs no more). */
    public static final String EXTRA_AMOUNT = "extraAmount";
    /** What went back to the customer, decimal text with cents, as the payment service booked it. */
    public static final String REFUNDED_AMOUNT = "refundedAmount";
    /** The 4-digit key, set by the key service when it completes {@link Topics#ISSUE_KEY}. */
    public static final String KEY = "key";
    /** The key an operator enters in the Tasklist form when the key service cannot issue one. */
    public static final String MANUAL_KEY = "manualKey";
    /** Why the key could not be issued or registered: shown to the operator in the form. */
    public static final String KEY_PROBLEM = "keyProblem";

    private Variables() {
    }
  }

  private RentalProcess() {
  }
}
