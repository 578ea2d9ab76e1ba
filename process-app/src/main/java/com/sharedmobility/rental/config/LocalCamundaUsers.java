package com.sharedmobility.rental.config;

import com.sharedmobility.rental.process.RentalProcess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The operator of the local profile: user {@code ops} in group {@code ops}, with Cockpit and Tasklist on the rental
 * process. ({@code admin} comes from camunda.bpm.admin-user in application-local.yml.)
 */
@Component
@Profile("local")
public class LocalCamundaUsers {

  static final String OPS = "ops";

  private final IdentityService identity;
  private final CamundaGrants grants;

  public LocalCamundaUsers(IdentityService identity, CamundaGrants grants) {
    this.identity = identity;
    this.grants = grants;
  }

  /** ApplicationReadyEvent: PostDeployEvent is only published for an @EnableProcessApplication. */
  @EventListener(ApplicationReadyEvent.class)
  public void seedOperator() {
    if (identity.createUserQuery().userId(OPS).count() > 0) {
      return;
    }
    User user = identity.newUser(OPS);
    user.setFirstName("Operations");
    user.setLastName("Desk");
    user.setPassword(OPS);
    identity.saveUser(user);
    Group group = identity.newGroup(OPS);
    group.setName("Operators");
    group.setType(Groups.GROUP_TYPE_WORKFLOW);
    identity.saveGroup(group);
    identity.createMembership(OPS, OPS);

    grants.toGroup(OPS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grants.toGroup(OPS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grants.toGroup(OPS, Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY, Permissions.ALL);
    grants.toGroup(OPS, Resources.DECISION_DEFINITION, RentalProcess.PRICING_DECISION_KEY, Permissions.READ,
        Permissions.READ_HISTORY);
    grants.toGroup(OPS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ, Permissions.UPDATE);
    grants.toGroup(OPS, Resources.TASK, Authorization.ANY, Permissions.READ, Permissions.UPDATE);
    grants.toGroup(OPS, Resources.FILTER, Authorization.ANY, Permissions.READ);
    grants.toGroup(OPS, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
  }
}
