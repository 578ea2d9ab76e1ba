package com.sharedmobility.rental.payment;

import com.sharedmobility.rental.config.RentalProperties;
import feign.auth.BasicAuthRequestInterceptor;
import org.springframework.context.annotation.Bean;

/** Only for the payment client (not a @Configuration, so it does not leak into other Feign clients). */
public class PaymentClientConfiguration {

  @Bean
  BasicAuthRequestInterceptor paymentServiceCredentials(RentalProperties properties) {
    return new BasicAuthRequestInterceptor(properties.payment().username(), properties.payment().password());
  }
}
