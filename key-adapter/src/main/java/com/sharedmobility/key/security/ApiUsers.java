package com.sharedmobility.key.security;

import com.sharedmobility.support.security.ApiUser;

/** The two accounts of the key API: one for vehicles, one for operators. */
public record ApiUsers(ApiUser vehicle, ApiUser operator) {

  public ApiUsers {
    if (vehicle.username().equals(operator.username())) {
      throw new IllegalArgumentException("the vehicle and the operator account must have different user names");
    }
  }
}
