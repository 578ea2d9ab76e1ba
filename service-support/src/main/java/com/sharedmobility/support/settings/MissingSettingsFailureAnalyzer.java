package com.sharedmobility.support.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns missing settings into the short startup report Spring Boot prints instead of a stack trace. */
class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
    String names = String.join(", ", cause.names());
    return new FailureAnalysis(
        "The " + cause.service() + " cannot start: " + names + (cause.names().size() == 1 ? " is" : " are")
            + " not set.",
        "Set " + names + " in the environment. Only the 'local' profile has a built-in database and accounts.",
        cause);
  }
}
