package com.sharedmobility.rental;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.sharedmobility.rental.key.KeyClient;
import com.sharedmobility.rental.payment.PaymentAdapter;
import com.sharedmobility.rental.payment.PaymentClient.PaymentReceipt;
import com.sharedmobility.rental.process.RentalProcess;
import com.sharedmobility.rental.readmodel.RentalView;
import feign.FeignException;
import feign.Request;
import feign.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * One Spring context for the process and API tests: the real process, delegates and read model on the local
 * profile's H2, with the payment service replaced by a mock and the job executor off, so a test fires timers and
 * asynchronous continuations itself; engine figures for the metrics are read afresh at each scrape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false",
    "rental.hour=PT1M",
    "rental.payment.retry.max-attempts=3",
    "rental.payment.retry.initial-delay=PT10S",
    "rental.reconciliation.interval=PT24H",
    "rental.metrics.engine-state-ttl=PT0S"})
@ActiveProfiles("local")
// metrics are exported as in production (Spring Boot's tests switch the Prometheus registry off otherwise)
@AutoConfigureObservability(tracing = false)
@Import(ProcessEngineCoverageConfiguration.class)
public abstract class RentalTestBase {

  protected static final PaymentReceipt CHARGED = receipt("CHARGED");
  protected static final PaymentReceipt REFUNDED = receipt("REFUNDED");

  @Autowired
  protected ProcessEngine engine;
  @Autowired
  protected JdbcClient jdbc;
  @MockitoBean
  protected PaymentAdapter payments;
  /** The key service's withdrawal, which a cancel asks first: withdrawn unless a test says otherwise. */
  @MockitoBean
  protected KeyClient keys;

  @BeforeEach
  void initAssertions() {
    init(engine);
  }

  /**
   * The webapps and engine REST look the engine up by name in JVM-wide registries, where a test context started
   * after this one (another profile, the same engine name) put its own: point them back at this context's engine.
   */
  @BeforeEach
  void registerThisContextsEngine() {
    ProcessEngines.registerProcessEngine(engine);
    RuntimeContainerDelegate container = RuntimeContainerDelegate.INSTANCE.get();
    ProcessEngine registered = container.getProcessEngineService().getProcessEngine(engine.getName());
    if (registered != null && registered != engine) {
      container.unregisterProcessEngine(registered);
      container.registerProcessEngine(engine);
    }
  }

  /**
   * Each test starts from no rentals, so every vehicle is free again. The read model goes first: a deleted instance
   * of a live rental would otherwise be settled as aborted (AbortRental).
   */
  @AfterEach
  void removeRentals() {
    jdbc.sql("DELETE FROM rental_extension").update();
    jdbc.sql("DELETE FROM rental").update();
    engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKeyIn(RentalProcess.PROCESS_KEY, RentalProcess.ABORT_PROCESS_KEY).list()
        .forEach(pi -> engine.getRuntimeService().deleteProcessInstance(pi.getId(), "test cleanup"));
  }

  /** The assertions look the instance up by id, in the runtime or the history, so an id is all they need. */
  protected static ProcessInstance instanceOf(RentalView rental) {
    ExecutionEntity instance = new ExecutionEntity();
    instance.setId(rental.processInstanceId());
    instance.setProcessInstanceId(rental.processInstanceId());
    return instance;
  }

  /** What the key service's client throws for an answer of this status (409: the key opened the vehicle). */
  protected static FeignException keyServiceAnswer(int status) {
    Request request = Request.create(Request.HttpMethod.POST, "http://keys/keys/x/withdrawal", Map.of(), null,
        StandardCharsets.UTF_8, null);
    return FeignException.errorStatus("withdraw", Response.builder().status(status).reason("stubbed")
        .request(request).headers(Map.of()).body("{}", StandardCharsets.UTF_8).build());
  }

  private static PaymentReceipt receipt(String status) {
    BigDecimal amount = new BigDecimal("5.00");
    return new PaymentReceipt("any", status, amount, "REFUNDED".equals(status) ? amount : BigDecimal.ZERO, "EUR",
        Instant.now());
  }
}
