package com.sharedmobility.rental.payment;

import com.sharedmobility.rental.process.RentalProcess.Activities;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Money moves back only after the key is dead. Every path of the models revokes before it refunds; this guard holds
 * the rule where a model cannot: against an operator's modification that starts a refund without the revoke before
 * it (in the rental or in its settlement). It reads the rental's history, which no modification can write: a revoke
 * that completed (the key service never issues a key for that rental again), or no key task ever started.
 */
@Component
public class KeyFirstGuard {

  private final HistoryService history;

  public KeyFirstGuard(HistoryService history) {
    this.history = history;
  }

  /** Throws when the rental's key may still open the vehicle: the refund's job fails and becomes an incident. */
  public void requireKeyDead(String rentalId) {
    List<HistoricActivityInstance> activities = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(rentalId).list().stream()
        .map(HistoricProcessInstance::getId)
        .flatMap(id -> history.createHistoricActivityInstanceQuery().processInstanceId(id).list().stream())
        .toList();
    boolean revoked = activities.stream().anyMatch(a -> Activities.KEY_REVOKERS.contains(a.getActivityId())
        && a.getEndTime() != null && !a.isCanceled());
    boolean keyMayExist = activities.stream().anyMatch(a -> Activities.KEY_MAKERS.contains(a.getActivityId()));
    if (keyMayExist && !revoked) {
      throw new KeyStillValidException("refund of rental " + rentalId + " refused: its key may still open the"
          + " vehicle, and no revoke of it has completed. Let the rental's 'Revoke key' task complete first;"
          + " a modification must not skip it");
    }
  }

  /** A refund was asked for before the key was revoked. */
  public static class KeyStillValidException extends IllegalStateException {

    KeyStillValidException(String message) {
      super(message);
    }
  }
}
