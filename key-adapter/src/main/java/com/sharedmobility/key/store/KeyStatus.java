package com.sharedmobility.key.store;

/** What is stored about a key; whether it has run out follows from {@code valid_until} and the clock. */
public enum KeyStatus {
  ISSUED,
  REVOKED
}
