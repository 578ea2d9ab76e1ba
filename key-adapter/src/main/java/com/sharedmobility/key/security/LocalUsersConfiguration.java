package com.sharedmobility.key.security;

import com.sharedmobility.support.security.ApiUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The seeded accounts of the local profile, which exist in no other profile. */
@Configuration(proxyBeanMethods = false)
@Profile("local")
class LocalUsersConfiguration {

  @Bean
  ApiUsers localApiUsers() {
    return new ApiUsers(new ApiUser("vehicle", "vehicle"), new ApiUser("process-app", "process-app"),
        new ApiUser("ops", "ops"));
  }
}
