package com.sharedmobility.payment.config;

import java.util.List;

/** Settings without which the service must not start; carries their names, never values. */
public class MissingSettingsException extends IllegalStateException {

  private final List<String> names;

  public MissingSettingsException(List<String> names) {
    super("missing settings: " + String.join(", ", names));
    this.names = List.copyOf(names);
  }

  public List<String> names() {
    return names;
  }
}
