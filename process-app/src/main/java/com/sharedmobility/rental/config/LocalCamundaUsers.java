package com.sharedmobility.rental.config;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.sharedmobility.rental.process.RentalProcess;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
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
  private final AuthorizationService authorizations;

  public LocalCamundaUsers(IdentityService identity, AuthorizationService authorizations) {
    this.identity = identity;
    this.authorizations = authorizations;
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

    grant(Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY, Permissions.ALL);
    grant(Resources.DECISION_DEFINITION, RentalProcess.PRICING_DECISION_KEY, Permissions.READ,
        Permissions.READ_HISTORY);
    grant(Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ, Permissions.UPDATE);
    grant(Resources.TASK, Authorization.ANY, Permissions.READ, Permissions.UPDATE);
    grant(Resources.FILTER, Authorization.ANY, Permissions.READ);
    grant(Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
  }

  private void grant(Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(OPS);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }
}
