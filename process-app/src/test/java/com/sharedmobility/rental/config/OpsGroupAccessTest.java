package com.sharedmobility.rental.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.rental.ProductionProfileTestBase;
import com.sharedmobility.rental.process.RentalProcess;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Outside the local profile no operator exists, but the group does, with its grants: an operator an admin adds to
 * it gets Cockpit and Tasklist on the rental process, and nothing more.
 */
class OpsGroupAccessTest extends ProductionProfileTestBase {

  private static final List<String> OPS = List.of("ops");

  @Autowired
  OpsGroupAccess opsGroup;
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  IdentityService identity;

  static List<Arguments> access() {
    return List.of(
        Arguments.of(Permissions.ACCESS, Resources.APPLICATION, "cockpit", true),
        Arguments.of(Permissions.ACCESS, Resources.APPLICATION, "tasklist", true),
        Arguments.of(Permissions.ACCESS, Resources.APPLICATION, "admin", false),
        Arguments.of(Permissions.READ, Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY, true),
        Arguments.of(Permissions.UPDATE_INSTANCE, Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY, true),
        Arguments.of(ProcessDefinitionPermissions.RETRY_JOB, Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY,
            true),
        Arguments.of(ProcessDefinitionPermissions.TASK_WORK, Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY,
            true),
        Arguments.of(Permissions.READ_INSTANCE, Resources.PROCESS_DEFINITION, RentalProcess.ABORT_PROCESS_KEY, true),
        // operators end rentals through the product (cancel), never by deleting an instance; nor start one
        Arguments.of(Permissions.DELETE_INSTANCE, Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY, false),
        Arguments.of(Permissions.DELETE, Resources.PROCESS_INSTANCE, "any-instance", false),
        Arguments.of(Permissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY, false),
        Arguments.of(Permissions.READ, Resources.PROCESS_DEFINITION, "some-other-process", false),
        Arguments.of(Permissions.UPDATE, Resources.TASK, "any-task", true),
        Arguments.of(Permissions.READ, Resources.USER, "admin", false),
        Arguments.of(Permissions.CREATE, Resources.DEPLOYMENT, Authorization.ANY, false));
  }

  @ParameterizedTest(name = "{0} on {1} {2}: {3}")
  @MethodSource("access")
  void anOperatorInTheGroupHasAccessToTheRentalProcessOnly(Permission permission, Resources resource, String id,
                                                            boolean granted) {
    assertThat(authorizations.isUserAuthorized("new-operator", OPS, permission, resource, id)).isEqualTo(granted);
  }

  @Test
  void noOperatorIsCreatedButTheGroupIs() {
    assertThat(identity.createGroupQuery().groupId("ops").count()).isOne();
    assertThat(identity.createUserQuery().memberOfGroup("ops").count()).isZero();
  }

  @Test
  void anotherStartGrantsNothingTwice() {
    long before = authorizations.createAuthorizationQuery().groupIdIn("ops").count();

    opsGroup.ensure();

    assertThat(authorizations.createAuthorizationQuery().groupIdIn("ops").count()).isEqualTo(before);
  }

  @Test
  void aLostPermissionIsGrantedAgain() {
    Authorization tasks = grantOn(Resources.TASK);
    tasks.removePermission(Permissions.UPDATE);
    authorizations.saveAuthorization(tasks);

    opsGroup.ensure();

    assertThat(grantOn(Resources.TASK).isPermissionGranted(Permissions.UPDATE)).isTrue();
  }

  @Test
  void whatAnEarlierVersionGrantedBeyondTheListIsTakenAway() {
    Authorization process = authorizations.createAuthorizationQuery().groupIdIn("ops")
        .resourceType(Resources.PROCESS_DEFINITION).resourceId(RentalProcess.PROCESS_KEY).singleResult();
    process.setPermissions(new Permission[] {Permissions.ALL});
    authorizations.saveAuthorization(process);
    assertThat(authorizations.isUserAuthorized("new-operator", OPS, Permissions.DELETE_INSTANCE,
        Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY)).isTrue();

    opsGroup.ensure();

    assertThat(authorizations.isUserAuthorized("new-operator", OPS, Permissions.DELETE_INSTANCE,
        Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY)).isFalse();
    assertThat(authorizations.isUserAuthorized("new-operator", OPS, Permissions.READ_INSTANCE,
        Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY)).isTrue();
  }

  private Authorization grantOn(Resource resource) {
    return authorizations.createAuthorizationQuery().groupIdIn("ops").resourceType(resource).singleResult();
  }
}
