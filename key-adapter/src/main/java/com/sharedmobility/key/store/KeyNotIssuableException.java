package com.sharedmobility.key.store;

/**
 * No key can be issued for the rental: its key was revoked or has run out (issuing again would resurrect a key
 * that was taken away), a revoke came before any key, or the vehicle has no free code. Not a passing fault.
 */
public class KeyNotIssuableException extends RuntimeException {

  KeyNotIssuableException(String rentalId, KeyState state) {
    super("the key of rental " + rentalId + " is " + state + ": a rental never gets a second key");
  }

  KeyNotIssuableException(String message) {
    super(message);
  }
}
