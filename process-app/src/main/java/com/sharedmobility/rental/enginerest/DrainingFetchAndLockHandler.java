package com.sharedmobility.rental.enginerest;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.SingleConsumerCondition;
import org.camunda.bpm.engine.rest.impl.FetchAndLockHandlerImpl;
import org.camunda.bpm.engine.rest.impl.FetchAndLockRequest;

/**
 * Engine REST's long polling (found by {@code META-INF/services}, ahead of the engine's own), except that a node
 * shutting down answers waiting polls with "no task" instead of a 500: the worker asks again at once, and the load
 * balancer sends it to another node. {@link LongPollsOnShutdown} stops it when shutdown begins, so that the
 * graceful shutdown does not wait out a worker's whole poll (20 s) while that worker fetches nothing.
 */
public class DrainingFetchAndLockHandler extends FetchAndLockHandlerImpl {

  /**
   * Starts again after a shutdown, with a new thread: the handler is one per JVM (engine REST keeps it in a static
   * field), and a servlet context that ends stops it for every other one in the JVM, as Spring's test contexts do.
   */
  @Override
  public void start() {
    if (!isRunning && handlerThread.getState() == Thread.State.TERMINATED) {
      handlerThread = new Thread(this, getClass().getSimpleName());
      condition = new SingleConsumerCondition(handlerThread);
    }
    super.start();
  }

  @Override
  protected void rejectPendingRequests() {
    answerWithNoTask(pendingRequests);
    pendingRequests.clear();
    drainQueue();
  }

  @Override
  protected void addRequest(FetchAndLockRequest request) {
    super.addRequest(request);
    if (!isRunning) {
      // the handler's thread may have ended already: nobody else would answer it
      drainQueue();
    }
  }

  private void drainQueue() {
    List<FetchAndLockRequest> queued = new ArrayList<>();
    queue.drainTo(queued);
    answerWithNoTask(queued);
  }

  private static void answerWithNoTask(List<FetchAndLockRequest> requests) {
    requests.forEach(request -> request.getAsyncResponse().resume(List.of()));
  }
}
