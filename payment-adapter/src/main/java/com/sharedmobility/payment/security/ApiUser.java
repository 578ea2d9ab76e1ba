package com.sharedmobility.payment.security;

/** Credentials of one caller, in plain text until they are encoded at startup. */
public record ApiUser(String username, String password) {

  @Override
  public String toString() {
    return "ApiUser[username=" + username + ", password=<hidden>]";
  }
}
