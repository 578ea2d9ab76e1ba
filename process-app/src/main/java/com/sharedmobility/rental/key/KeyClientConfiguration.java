package com.sharedmobility.rental.key;

import com.sharedmobility.rental.config.RentalProperties;
import feign.auth.BasicAuthRequestInterceptor;
import org.springframework.context.annotation.Bean;

/** Only for the key client (not a @Configuration, so it does not leak into other Feign clients). */
public class KeyClientConfiguration {

  @Bean
  BasicAuthRequestInterceptor keyServiceCredentials(RentalProperties properties) {
    return new BasicAuthRequestInterceptor(properties.keys().username(), properties.keys().password());
  }
}
