package com.sharedmobility.rental.config;

import com.sharedmobility.rental.process.RentalProcess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The technical Camunda user of the key worker, from configuration (a Kubernetes Secret outside the local profile).
 * It may fetch and complete the rental process's external tasks and nothing else; a changed password in the secret
 * takes effect at the next start, which is how the secret is rotated.
 */
@Component
public class KeyWorkerAccount {

  private final IdentityService identity;
  private final CamundaGrants grants;
  private final RentalProperties.KeyWorker account;

  public KeyWorkerAccount(IdentityService identity, CamundaGrants grants, RentalProperties properties) {
    this.identity = identity;
    this.grants = grants;
    this.account = properties.keyWorker();
  }

  @EventListener(ApplicationReadyEvent.class)
  public void ensure() {
    User user = identity.createUserQuery().userId(account.username()).singleResult();
    if (user == null) {
      user = identity.newUser(account.username());
      user.setFirstName("Key");
      user.setLastName("Worker");
      user.setPassword(account.password());
      identity.saveUser(user);
      grants.toUser(account.username(), Resources.PROCESS_DEFINITION, RentalProcess.PROCESS_KEY,
          Permissions.READ, Permissions.READ_INSTANCE, Permissions.UPDATE_INSTANCE);
      grants.toUser(account.username(), Resources.PROCESS_INSTANCE, Authorization.ANY,
          Permissions.READ, Permissions.UPDATE);
    } else if (!identity.checkPassword(account.username(), account.password())) {
      user.setPassword(account.password());
      identity.saveUser(user);
    }
  }
}
