package com.sharedmobility.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The encoder Spring Security checks HTTP Basic passwords with: the one {@link ApiUser} encodes with, so that a
 * request costs a hash, not a bcrypt round.
 */
@AutoConfiguration
public class ServiceAccountPasswordAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PasswordEncoder serviceAccountPasswordEncoder() {
    return ServiceAccountPasswordEncoder.delegating();
  }
}
