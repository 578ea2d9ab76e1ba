package com.sharedmobility.rental.enginerest;

import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;
import org.camunda.bpm.engine.rest.spi.FetchAndLockHandler;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When shutdown begins (before the web server's graceful shutdown waits for open requests), answers the key
 * workers' waiting long polls and every later one at once ({@link DrainingFetchAndLockHandler}).
 */
@Component
public class LongPollsOnShutdown {

  @EventListener(ContextClosedEvent.class)
  public void answerWaitingPolls() {
    FetchAndLockHandler handler = FetchAndLockContextListener.getFetchAndLockHandler();
    if (handler != null) {
      handler.shutdown();
    }
  }
}
