package com.sharedmobility.rental.config;

import static com.sharedmobility.rental.process.RentalProcess.Variables.KEY_PROBLEM;
import static com.sharedmobility.rental.process.RentalProcess.Variables.PAYMENT_FAILURE;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/**
 * History level {@value #NAME}: Camunda's {@code audit} without the history of the variables nobody reads there.
 * Operators read a rental's path (activity history), its incidents and why a charge or a key failed
 * ({@code paymentFailure}, {@code keyProblem}); its data lives in the read model, and the key is a secret that no
 * history should keep. Variable history was half of the statements of an application (two inserts per variable).
 *
 * <p>Its id is audit's, so that the engine database's recorded level stays valid and nodes of the previous version,
 * at {@code audit}, can share it during a rolling upgrade.
 */
@Component
public class RentalHistoryLevel extends AbstractProcessEnginePlugin implements HistoryLevel {

  public static final String NAME = "rental-audit";
  private static final Set<String> VARIABLES_WITH_HISTORY = Set.of(PAYMENT_FAILURE, KEY_PROBLEM);
  private static final Set<HistoryEventType> VARIABLE_EVENTS = Set.of(
      HistoryEventTypes.VARIABLE_INSTANCE_CREATE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE,
      HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE, HistoryEventTypes.VARIABLE_INSTANCE_DELETE);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = new ArrayList<>();
    if (configuration.getCustomHistoryLevels() != null) {
      levels.addAll(configuration.getCustomHistoryLevels());
    }
    levels.add(this);
    configuration.setCustomHistoryLevels(levels);
  }

  @Override
  public int getId() {
    return HistoryLevel.HISTORY_LEVEL_AUDIT.getId();
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    if (VARIABLE_EVENTS.contains(eventType)) {
      // no entity: the engine asks whether the level records variables at all
      return entity == null || VARIABLES_WITH_HISTORY.contains(((VariableInstance) entity).getName());
    }
    return HistoryLevel.HISTORY_LEVEL_AUDIT.isHistoryEventProduced(eventType, entity);
  }
}
