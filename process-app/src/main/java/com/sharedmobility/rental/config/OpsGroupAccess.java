package com.sharedmobility.rental.config;

import com.sharedmobility.rental.process.RentalProcess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The operators' group ({@code rental.ops-group}, {@code ops} unless set; blank for none) with Cockpit and Tasklist on
 * the rental process, in every profile and at every start: a Camunda admin only has to add operators to the group.
 * Nothing is granted twice, so restarts and several nodes leave one authorization per resource; what an earlier
 * version granted beyond this list is taken away.
 */
@Component
public class OpsGroupAccess {

  private static final Permission[] OPERATOR_ON_PROCESS = {
      ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY,
      ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
      ProcessDefinitionPermissions.RETRY_JOB, ProcessDefinitionPermissions.SUSPEND_INSTANCE,
      ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.UPDATE_TASK,
      ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.TASK_ASSIGN};

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
    grants.grantExactly(groupId, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grants.grantExactly(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    // no DELETE_INSTANCE: a rental ends through the product (cancel), which revokes the key and refunds; neither
    // CREATE_INSTANCE: an application goes through the API's checks. UPDATE_INSTANCE stays for retrying a key task's
    // incident; a modification that skips the charge or the key is refused by the process (RentalStatusProjection).
    grants.grantExactly(groupId, Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY, OPERATOR_ON_PROCESS);
    grants.grantExactly(groupId, Resources.PROCESS_DEFINITION, RentalProcess.ABORT_PROCESS_KEY, OPERATOR_ON_PROCESS);
    grants.grantExactly(groupId, Resources.DECISION_DEFINITION, RentalProcess.PRICING_DECISION_KEY,
        Permissions.READ, Permissions.READ_HISTORY);
    grants.grantExactly(groupId, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ,
        Permissions.UPDATE, ProcessInstancePermissions.RETRY_JOB);
    grants.grantExactly(groupId, Resources.TASK, Authorization.ANY, Permissions.READ, Permissions.UPDATE);
    grants.grantExactly(groupId, Resources.FILTER, Authorization.ANY, Permissions.READ);
    grants.grantExactly(groupId, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
  }

  public String groupId() {
    return groupId;
  }
}
