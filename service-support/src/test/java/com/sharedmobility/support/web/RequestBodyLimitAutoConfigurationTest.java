package com.sharedmobility.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

class RequestBodyLimitAutoConfigurationTest {

  private final WebApplicationContextRunner context = new WebApplicationContextRunner().withConfiguration(
      AutoConfigurations.of(JacksonAutoConfiguration.class, RequestBodyLimitAutoConfiguration.class));

  @Test
  void aServiceThatSetsNoLimitGetsNoFilter() {
    context.run(app -> assertThat(app).doesNotHaveBean(RequestBodyLimitFilter.class)
        .doesNotHaveBean(FilterRegistrationBean.class));
  }

  @Test
  void theLimitAppliesToTheNamedPathsOnly() {
    context.withPropertyValues("service.api.max-body-size=1KB", "service.api.url-patterns=/rentals/*,/mypages/*")
        .run(app -> assertThat(app.getBean(FilterRegistrationBean.class).getUrlPatterns())
            .containsExactly("/rentals/*", "/mypages/*"));
  }

  @Test
  void withoutNamedPathsTheLimitAppliesEverywhere() {
    context.withPropertyValues("service.api.max-body-size=1KB")
        .run(app -> assertThat(app.getBean(FilterRegistrationBean.class).getUrlPatterns()).containsExactly("/*"));
  }

  @Test
  void aLimitOfNothingStopsTheStart() {
    context.withPropertyValues("service.api.max-body-size=0B")
        .run(app -> assertThat(app).hasFailed().getFailure().rootCause()
            .hasMessageContaining("service.api.max-body-size must be between 1B and 2GB"));
  }
}
