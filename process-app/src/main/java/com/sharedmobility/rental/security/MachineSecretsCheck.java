package com.sharedmobility.rental.security;

import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.support.security.MachineSecrets;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Outside the local profile process-app refuses to start with a service-account secret that is not generated. */
@Component
@Profile("!local")
class MachineSecretsCheck {

  MachineSecretsCheck(RentalProperties settings) {
    MachineSecrets.requireGenerated("KEY_WORKER_PASSWORD", settings.keyWorker().password());
    MachineSecrets.requireGenerated("PAYMENT_CLIENT_PASSWORD", settings.payment().password());
    MachineSecrets.requireGenerated("KEY_CLIENT_PASSWORD", settings.keys().password());
  }
}
