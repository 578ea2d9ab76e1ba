package com.sharedmobility.payment.security;

import com.sharedmobility.support.security.ApiUser;

/** The two accounts of the payment API: the service that charges and refunds (process-app), and operators. */
public record ApiUsers(ApiUser client, ApiUser operator) {

  public ApiUsers {
    if (client.username().equals(operator.username())) {
      throw new IllegalArgumentException("the payment client and the operator account must have different user names");
    }
  }
}
