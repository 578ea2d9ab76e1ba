package com.sharedmobility.key.worker;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts {@link FetchFailureLogFilter} in front of every logger. Registered in code, not in a logback file: with none,
 * Spring Boot configures logging itself, console only (no log file in the container) and as JSON when
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE} asks for it. Before the external task client starts its first fetch.
 */
@Component
class FetchFailureLogging {

  FetchFailureLogging() {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    if (logging.getTurboFilterList().stream().noneMatch(FetchFailureLogFilter.class::isInstance)) {
      logging.addTurboFilter(new FetchFailureLogFilter());
    }
  }
}
