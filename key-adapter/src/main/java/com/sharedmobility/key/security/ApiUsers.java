package com.sharedmobility.key.security;

import com.sharedmobility.support.security.ApiUser;
import java.util.Set;

/** The three accounts of the key API: vehicles, process-app (the rental process) and operators. */
public record ApiUsers(ApiUser vehicle, ApiUser process, ApiUser operator) {

  public ApiUsers {
    if (Set.of(vehicle.username(), process.username(), operator.username()).size() < 3) {
      throw new IllegalArgumentException("the vehicle, process and operator accounts must have different user names");
    }
  }
}
