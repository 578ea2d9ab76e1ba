package com.sharedmobility.rental.config;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.stereotype.Component;

/** Grants Camunda permissions (authorization checks are on) to the accounts this application sets up. */
@Component
public class CamundaGrants {

  private final AuthorizationService authorizations;

  public CamundaGrants(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  /**
   * The group's grant on the resource holds exactly these permissions: missing ones are added, others taken away (an
   * earlier version granted more). One grant per group and resource: a second would break the engine's unique
   * constraint.
   */
  public void grantExactly(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization grant = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
    int wanted = Arrays.stream(permissions).mapToInt(Permission::getValue).reduce(0, (a, b) -> a | b);
    if (grant == null) {
      grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      grant.setGroupId(groupId);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    } else if (((AuthorizationEntity) grant).getPermissions() == wanted) {
      return;
    }
    grant.setPermissions(permissions);
    authorizations.saveAuthorization(grant);
  }
}
