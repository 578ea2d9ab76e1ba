package com.sharedmobility.key.store;

/** A key an operator chose cannot be registered: it is malformed or already opens another rental of the vehicle. */
public class KeyRejectedException extends RuntimeException {

  KeyRejectedException(String message) {
    super(message);
  }
}
