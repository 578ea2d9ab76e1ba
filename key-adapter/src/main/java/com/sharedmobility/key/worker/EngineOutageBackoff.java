package com.sharedmobility.key.worker;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.client.backoff.ErrorAwareBackoffStrategy;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.camunda.bpm.client.task.ExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits between fetches only while the engine cannot be reached, doubling the wait up to a limit; long polling
 * does the waiting otherwise. It reports an outage once, with one line, instead of a stack trace per fetch, and
 * reports the recovery.
 */
class EngineOutageBackoff implements ErrorAwareBackoffStrategy {

  private static final Logger LOG = LoggerFactory.getLogger(EngineOutageBackoff.class);

  private final String engineUrl;
  private final Duration firstWait;
  private final Duration maxWait;
  private Duration wait = Duration.ZERO;

  EngineOutageBackoff(String engineUrl, Duration firstWait, Duration maxWait) {
    this.engineUrl = engineUrl;
    this.firstWait = firstWait;
    this.maxWait = maxWait;
  }

  @Override
  public void reconfigure(List<ExternalTask> tasks, ExternalTaskClientException error) {
    if (error == null) {
      if (!wait.isZero()) {
        LOG.info("engine REST at {} answers again: fetching key tasks", engineUrl);
      }
      wait = Duration.ZERO;
    } else if (wait.isZero()) {
      LOG.warn("cannot fetch key tasks from engine REST at {}, retrying every {} to {}: {}", engineUrl,
          firstWait, maxWait, error.getMessage());
      wait = firstWait;
    } else {
      LOG.debug("engine REST at {} still unavailable: {}", engineUrl, error.getMessage());
      Duration doubled = wait.multipliedBy(2);
      wait = doubled.compareTo(maxWait) < 0 ? doubled : maxWait;
    }
  }

  @Override
  public long calculateBackoffTime() {
    return wait.toMillis();
  }
}
