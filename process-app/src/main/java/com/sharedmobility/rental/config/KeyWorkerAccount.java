package com.sharedmobility.rental.config;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The key worker's account (KEY_WORKER_*, a Kubernetes Secret outside the local profile) is checked by engine REST's
 * filter itself (EngineRestAuthentication); it is no Camunda user. Earlier versions made it one, with grants on the
 * rental process: that user is removed at start, so the key worker's credentials open no webapp either.
 */
@Component
public class KeyWorkerAccount {

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final String username;

  public KeyWorkerAccount(IdentityService identity, AuthorizationService authorizations, RentalProperties properties) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.username = properties.keyWorker().username();
  }

  @EventListener(ApplicationReadyEvent.class)
  public void retireCamundaUser() {
    for (Authorization grant : authorizations.createAuthorizationQuery().userIdIn(username).list()) {
      authorizations.deleteAuthorization(grant.getId());
    }
    if (identity.createUserQuery().userId(username).count() > 0) {
      identity.deleteUser(username);
    }
  }
}
