package com.sharedmobility.rental.idempotency;

/**
 * A request a customer sent with an {@code Idempotency-Key} that this attempt now works on ({@code owner}): only the
 * owner may bind a rental to it or store its answer, so an attempt that was taken over cannot commit its work.
 */
public record IdempotentRequest(String customer, String key, String fingerprint, String owner) {

  /** Where the filter leaves the request for the controller, which hands it to the use case. */
  public static final String ATTRIBUTE = "com.sharedmobility.rental.idempotency.request";
  /** The rental an earlier attempt of the same request started before it died, when there is one. */
  public static final String STARTED_RENTAL = "com.sharedmobility.rental.idempotency.startedRental";
}
