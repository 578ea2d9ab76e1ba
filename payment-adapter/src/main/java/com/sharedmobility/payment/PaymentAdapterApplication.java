package com.sharedmobility.payment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The payment service: owns the payment ledger and charges and refunds through a card provider. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentAdapterApplication {

  public static void main(String[] args) {
    SpringApplication.run(PaymentAdapterApplication.class, args);
  }
}
