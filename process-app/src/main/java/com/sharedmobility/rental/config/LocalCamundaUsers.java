package com.sharedmobility.rental.config;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The operator of the local profile: user {@code ops} in the operators' group, which OpsGroupAccess sets up in every
 * profile. ({@code admin} comes from camunda.bpm.admin-user in application-local.yml.)
 */
@Component
@Profile("local")
public class LocalCamundaUsers {

  static final String OPS = "ops";

  private final IdentityService identity;
  private final OpsGroupAccess opsGroup;

  public LocalCamundaUsers(IdentityService identity, OpsGroupAccess opsGroup) {
    this.identity = identity;
    this.opsGroup = opsGroup;
  }

  /** After OpsGroupAccess has created the group. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(OpsGroupAccess.ORDER + 1)
  public void seedOperator() {
    if (identity.createUserQuery().userId(OPS).count() > 0) {
      return;
    }
    User user = identity.newUser(OPS);
    user.setFirstName("Operations");
    user.setLastName("Desk");
    user.setPassword(OPS);
    identity.saveUser(user);
    identity.createMembership(OPS, opsGroup.groupId());
  }
}
