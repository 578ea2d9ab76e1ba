package com.sharedmobility.payment.config;

import com.sharedmobility.support.settings.RequiredSettingsCheck;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The payment service's database and API accounts, which have no default outside the local profile. */
@Component
@Profile("!local")
class RequiredPaymentSettings extends RequiredSettingsCheck {

  RequiredPaymentSettings() {
    super("payment service", databaseAnd("PAYMENT_CLIENT_USERNAME", "PAYMENT_CLIENT_PASSWORD",
        "PAYMENT_OPERATOR_USERNAME", "PAYMENT_OPERATOR_PASSWORD"));
  }
}
