package com.sharedmobility.support.settings;

import java.util.List;

/** Settings without which a service must not start; carries their names, never values. */
public class MissingSettingsException extends IllegalStateException {

  private final String service;
  private final List<String> names;

  /**
   * @param service how the startup report names the service, e.g. "key service"
   * @param names the environment variables to set
   */
  public MissingSettingsException(String service, List<String> names) {
    super("missing settings: " + String.join(", ", names));
    this.service = service;
    this.names = List.copyOf(names);
  }

  public String service() {
    return service;
  }

  public List<String> names() {
    return names;
  }
}
