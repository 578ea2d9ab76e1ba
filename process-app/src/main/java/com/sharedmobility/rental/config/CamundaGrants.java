package com.sharedmobility.rental.config;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/** Grants Camunda permissions (authorization checks are on) to the accounts this application sets up. */
@Component
public class CamundaGrants {

  private final AuthorizationService authorizations;

  public CamundaGrants(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  /**
   * Grants the permissions to the group unless it has them already: the group's grant on the resource gets the
   * missing ones (a second grant on the same resource would break the engine's unique constraint).
   */
  public void ensureForGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
    if (existing == null) {
      Authorization authorization = newGrant(resource, resourceId, permissions);
      authorization.setGroupId(groupId);
      authorizations.saveAuthorization(authorization);
    } else if (!Arrays.stream(permissions).allMatch(existing::isPermissionGranted)) {
      Arrays.stream(permissions).forEach(existing::addPermission);
      authorizations.saveAuthorization(existing);
    }
  }

  private Authorization newGrant(Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    return authorization;
  }
}
