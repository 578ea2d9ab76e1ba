package com.sharedmobility.support.logging;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/** A service names the path its rental ids come in ({@value #PREFIX}); its requests then log with the id. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(RentalLogContextAutoConfiguration.PREFIX)
public class RentalLogContextAutoConfiguration {

  static final String PREFIX = "service.logging.rental-path-prefix";

  @Bean
  FilterRegistrationBean<RentalIdLogFilter> rentalIdLogFilter(@Value("${" + PREFIX + "}") String prefix) {
    return RentalIdLogFilter.registration(prefix);
  }
}
