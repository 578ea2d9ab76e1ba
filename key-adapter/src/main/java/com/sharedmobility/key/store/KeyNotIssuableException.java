package com.sharedmobility.key.store;

/** The rental's key was revoked or has run out: issuing again would resurrect a key that was taken away. */
public class KeyNotIssuableException extends RuntimeException {

  KeyNotIssuableException(String rentalId, KeyState state) {
    super("the key of rental " + rentalId + " is " + state + ": a rental never gets a second key");
  }
}
