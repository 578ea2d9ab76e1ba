package com.sharedmobility.rental.abort;

import com.sharedmobility.rental.process.RentalProcess;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Notices a rental instance that ends while its rental is still live. Every path of the model writes an outcome
 * before its end event, so only an operator ends an instance so: a delete, or a modification that cancels it. The
 * engine produces this history event itself, also when the operator skips custom listeners, which an end listener
 * of the process would not see.
 */
@Component
public class AbortedInstanceWatch extends AbstractProcessEnginePlugin implements HistoryEventHandler {

  private final ObjectProvider<AbortRental> abortRental;

  /** Lazy: the use case needs the engine's services, and this plugin configures the engine. */
  public AbortedInstanceWatch(ObjectProvider<AbortRental> abortRental) {
    this.abortRental = abortRental;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = new ArrayList<>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(this);
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof HistoricProcessInstanceEventEntity instance
        && HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(instance.getEventType())
        && RentalProcess.PROCESS_KEY.equals(instance.getProcessDefinitionKey())
        && instance.getBusinessKey() != null) {
      abortRental.getObject().ifStillLive(instance.getBusinessKey());
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }
}
