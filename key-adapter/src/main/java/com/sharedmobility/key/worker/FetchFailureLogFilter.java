package com.sharedmobility.key.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the client's stack trace for each failed fetch-and-lock (TASK/CLIENT-03001), which would repeat on every
 * poll while the engine is down; {@link EngineOutageBackoff} reports the outage instead. Registered by
 * {@link FetchFailureLogging}.
 */
public class FetchFailureLogFilter extends TurboFilter {

  private static final String CLIENT_LOGGER = "org.camunda.bpm.client";
  private static final String FETCH_FAILURE = "TASK/CLIENT-03001";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
      Throwable t) {
    boolean fetchFailure = format != null && format.startsWith(FETCH_FAILURE) && CLIENT_LOGGER.equals(logger.getName());
    return fetchFailure ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
