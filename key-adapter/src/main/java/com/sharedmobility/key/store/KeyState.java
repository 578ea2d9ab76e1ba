package com.sharedmobility.key.store;

/** The state of a key as seen at a moment: an issued key whose validity has ended is expired. */
public enum KeyState {
  ISSUED,
  REVOKED,
  EXPIRED
}
