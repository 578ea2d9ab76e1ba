package com.sharedmobility.key.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class FetchFailureLogFilterTest {

  private final LoggerContext loggers = new LoggerContext();
  private final FetchFailureLogFilter filter = new FetchFailureLogFilter();

  @Test
  void dropsTheClientsFetchFailureOnly() {
    var client = loggers.getLogger("org.camunda.bpm.client");

    assertThat(decide(client, "TASK/CLIENT-03001 Exception while fetching and locking task."))
        .isEqualTo(FilterReply.DENY);
    assertThat(decide(client, "TASK/CLIENT-03002 Exception while executing external task handler 'issue-key'."))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(loggers.getLogger("com.example"), "TASK/CLIENT-03001 quoted elsewhere"))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  private FilterReply decide(ch.qos.logback.classic.Logger logger, String message) {
    return filter.decide(null, logger, Level.ERROR, message, null, new RuntimeException());
  }
}
