package com.sharedmobility.support.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Outside the local profile nothing has a default: a service's database and accounts must be configured. Checked
 * before any bean is created, so that every missing setting is named at once instead of a connection failure
 * surfacing first. A service registers a subclass, for the profiles that need it, that lists its settings.
 */
public abstract class RequiredSettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  private final String service;
  /** The property read, and the environment variable a deployment sets it with, in the order they are reported. */
  private final Map<String, String> required;

  private Environment environment;

  /**
   * @param service how the startup report names the service, e.g. "key service"
   * @param required property to environment variable, in the order they are reported
   */
  protected RequiredSettingsCheck(String service, Map<String, String> required) {
    this.service = service;
    this.required = Collections.unmodifiableMap(new LinkedHashMap<>(required));
  }

  /** The database connection, then settings that are read under their environment variable's own name. */
  protected static Map<String, String> databaseAnd(String... variables) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", "SPRING_DATASOURCE_URL");
    settings.put("spring.datasource.username", "SPRING_DATASOURCE_USERNAME");
    for (String variable : variables) {
      settings.put(variable, variable);
    }
    return settings;
  }

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    List<String> missing = required.entrySet().stream()
        .filter(setting -> isBlank(environment.getProperty(setting.getKey())))
        .map(Map.Entry::getValue)
        .toList();
    if (!missing.isEmpty()) {
      throw new MissingSettingsException(service, missing);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
