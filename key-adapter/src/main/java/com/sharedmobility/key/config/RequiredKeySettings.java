package com.sharedmobility.key.config;

import com.sharedmobility.support.settings.RequiredSettingsCheck;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The key service's database and API accounts, which have no default outside the local profile. */
@Component
@Profile("!local")
public class RequiredKeySettings extends RequiredSettingsCheck {

  /** How startup failures name this service. */
  public static final String SERVICE = "key service";

  RequiredKeySettings() {
    super(SERVICE, databaseAnd("KEYS_VEHICLE_USERNAME", "KEYS_VEHICLE_PASSWORD", "KEY_CLIENT_USERNAME",
        "KEY_CLIENT_PASSWORD", "KEYS_OPERATOR_USERNAME", "KEYS_OPERATOR_PASSWORD"));
  }
}
