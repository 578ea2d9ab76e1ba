package com.sharedmobility.rental.config;

import com.sharedmobility.rental.process.RentalProcess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The operators' group ({@code rental.ops-group}, {@code ops} unless set; blank for none) with Cockpit and Tasklist on
 * the rental process, in every profile and at every start: a Camunda admin only has to add operators to the group.
 * Nothing is granted twice, so restarts and several nodes leave one authorization per resource.
 */
@Component
public class OpsGroupAccess {

  /** Before anything that adds members to the group (LocalCamundaUsers). */
  static final int ORDER = 0;

  private final IdentityService identity;
  private final CamundaGrants grants;
  private final String groupId;

  public OpsGroupAccess(IdentityService identity, CamundaGrants grants, RentalProperties properties) {
    this.identity = identity;
    this.grants = grants;
    this.groupId = properties.opsGroup() == null ? "" : properties.opsGroup();
  }

  /** ApplicationReadyEvent: PostDeployEvent is only published for an @EnableProcessApplication. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(ORDER)
  public void ensure() {
    if (groupId.isBlank()) {
      return;
    }
    if (identity.createGroupQuery().groupId(groupId).count() == 0) {
      Group group = identity.newGroup(groupId);
      group.setName("Operators");
      group.setType(Groups.GROUP_TYPE_WORKFLOW);
      identity.saveGroup(group);
    }
    grants.ensureForGroup(groupId, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grants.ensureForGroup(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grants.ensureForGroup(groupId, Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY, Permissions.ALL);
    grants.ensureForGroup(groupId, Resources.DECISION_DEFINITION, RentalProcess.PRICING_DECISION_KEY,
        Permissions.READ, Permissions.READ_HISTORY);
    grants.ensureForGroup(groupId, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ,
        Permissions.UPDATE);
    grants.ensureForGroup(groupId, Resources.TASK, Authorization.ANY, Permissions.READ, Permissions.UPDATE);
    grants.ensureForGroup(groupId, Resources.FILTER, Authorization.ANY, Permissions.READ);
    grants.ensureForGroup(groupId, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
  }

  public String groupId() {
    return groupId;
  }
}
