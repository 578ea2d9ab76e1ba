package com.sharedmobility.rental.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.rental.api.ProblemLanguage;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

  /** After Spring Security's filters, which know the customer; on the customer API's rentals only. */
  @Bean
  FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(IdempotentRequests requests, ObjectMapper json,
                                                                    ProblemLanguage language) {
    FilterRegistrationBean<IdempotencyKeyFilter> registration =
        new FilterRegistrationBean<>(new IdempotencyKeyFilter(requests, json, language));
    registration.addUrlPatterns("/rentals", "/rentals/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
    return registration;
  }
}
