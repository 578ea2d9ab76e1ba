package com.sharedmobility.rental.idempotency;

/** What a request with an {@code Idempotency-Key} may do, as {@link IdempotentRequests#claim} decides. */
public sealed interface Claim {

  /** The first attempt, or one that takes over from an attempt that died: do the work. */
  record Work(IdempotentRequest request) implements Claim {
  }

  /** An attempt that died after it started a rental but before it stored its answer: answer with that rental. */
  record StartedBefore(IdempotentRequest request, String rentalId) implements Claim {
  }

  /** Answered before: give that answer again. */
  record Replay(StoredAnswer answer) implements Claim {
  }

  /** Another attempt with this key is still at work. */
  record InFlight() implements Claim {
  }

  /** The key was used with another request. */
  record OtherRequest() implements Claim {
  }
}
