package com.sharedmobility.payment.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

  /** Ahead of the security filters, so that an oversized body costs neither a password check nor a read. */
  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestLimits limits, ObjectMapper json) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits, json));
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    return registration;
  }
}
