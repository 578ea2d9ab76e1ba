package com.sharedmobility.payment.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Outside the local profile nothing has a default: the database and the API accounts must be configured. Checked
 * before any bean is created, so that every missing setting is named at once instead of a connection failure
 * surfacing first.
 */
@Component
@Profile("!local")
class RequiredSettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  /** The property read, and the environment variable a deployment sets it with. */
  private static final Map<String, String> REQUIRED = requiredSettings();

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    List<String> missing = REQUIRED.entrySet().stream()
        .filter(setting -> isBlank(environment.getProperty(setting.getKey())))
        .map(Map.Entry::getValue)
        .toList();
    if (!missing.isEmpty()) {
      throw new MissingSettingsException(missing);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static Map<String, String> requiredSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", "SPRING_DATASOURCE_URL");
    settings.put("spring.datasource.username", "SPRING_DATASOURCE_USERNAME");
    for (String account : List.of("PAYMENT_CLIENT_USERNAME", "PAYMENT_CLIENT_PASSWORD", "PAYMENT_OPERATOR_USERNAME",
        "PAYMENT_OPERATOR_PASSWORD")) {
      settings.put(account, account);
    }
    return settings;
  }
}
