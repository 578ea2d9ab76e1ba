package com.sharedmobility.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * A service that sets {@code service.api.max-body-size} refuses larger bodies on its {@code service.api.url-patterns}
 * (all paths unless named) with 413 problem+json (RequestBodyLimitFilter).
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = RequestBodyLimits.PREFIX, name = "max-body-size")
@EnableConfigurationProperties(RequestBodyLimits.class)
public class RequestBodyLimitAutoConfiguration {

  /** Ahead of the security filters, so that an oversized body costs neither a password check nor a read. */
  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestBodyLimits limits, ObjectMapper json) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits.maxBodySize(), json));
    registration.setUrlPatterns(limits.urlPatterns());
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    return registration;
  }
}
