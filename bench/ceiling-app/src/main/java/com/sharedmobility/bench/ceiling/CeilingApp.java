package com.sharedmobility.bench.ceiling;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * What {@code POST /rentals} is measured against: engine REST starting a process that waits at an external task,
 * with nothing else (no security, no read model, no payment), on the same PostgreSQL.
 */
@SpringBootApplication
public class CeilingApp {

  public static void main(String[] args) {
    SpringApplication.run(CeilingApp.class, args);
  }

  @EventListener(ApplicationReadyEvent.class)
  public void deploy(ApplicationReadyEvent ready) {
    ready.getApplicationContext().getBean(RepositoryService.class).createDeployment()
        .addModelInstance("start-wait.bpmn", Bpmn.createExecutableProcess("bench-start-wait")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask().camundaExternalTask("bench-wait")
            .endEvent()
            .done())
        .enableDuplicateFiltering(true)
        .deploy();
  }
}
