package com.sharedmobility.rental.enginerest;

import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;
import org.camunda.bpm.engine.rest.spi.FetchAndLockHandler;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When shutdown begins (before the web server's graceful shutdown waits for open requests), answers the key
 * workers' waiting long polls and every later one at once ({@link DrainingFetchAndLockHandler}).
 */
@Component
public class LongPollsOnShutdown {

  private final ApplicationContext context;

  public LongPollsOnShutdown(ApplicationContext context) {
    this.context = context;
  }

  @EventListener
  public void answerWaitingPolls(ContextClosedEvent closed) {
    if (closed.getApplicationContext() != context) {
      return; // a child context (a Feign client's) closes with this one, not before
    }
    FetchAndLockHandler handler = FetchAndLockContextListener.getFetchAndLockHandler();
    if (handler != null) {
      handler.shutdown();
    }
  }
}
