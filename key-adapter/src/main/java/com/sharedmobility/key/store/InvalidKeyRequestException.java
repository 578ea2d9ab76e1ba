package com.sharedmobility.key.store;

/** A request that can never succeed as asked, however often it is repeated. */
public class InvalidKeyRequestException extends RuntimeException {

  public InvalidKeyRequestException(String message) {
    super(message);
  }
}
