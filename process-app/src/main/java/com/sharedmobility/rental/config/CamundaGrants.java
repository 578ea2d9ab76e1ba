package com.sharedmobility.rental.config;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

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

  public void toGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = newGrant(resource, resourceId, permissions);
    authorization.setGroupId(groupId);
    authorizations.saveAuthorization(authorization);
  }

  public void toUser(String userId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = newGrant(resource, resourceId, permissions);
    authorization.setUserId(userId);
    authorizations.saveAuthorization(authorization);
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
