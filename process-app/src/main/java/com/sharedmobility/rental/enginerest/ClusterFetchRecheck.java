package com.sharedmobility.rental.enginerest;

import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes this node's waiting fetch-and-lock long polls look again for external tasks every
 * {@code rental.cluster.fetch-recheck}. The engine wakes a node's long polls only for tasks created on that node and
 * otherwise looks again after 30 s (FetchAndLockHandlerImpl), so with two nodes a key task created on one waited up
 * to the worker's whole poll (then 20 s) while the worker's poll waited on the other, and the admission refused
 * applications for the key backlog meanwhile (RollingRestartIT). A recheck with no poll waiting does nothing; one
 * with a poll waiting is one fetch query.
 */
@Component
public class ClusterFetchRecheck {

  @Scheduled(fixedDelayString = "${rental.cluster.fetch-recheck}")
  void wakeWaitingPolls() {
    ProcessEngineImpl.EXT_TASK_CONDITIONS.signalAll();
  }
}
