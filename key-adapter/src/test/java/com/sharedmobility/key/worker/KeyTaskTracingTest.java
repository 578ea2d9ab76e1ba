package com.sharedmobility.key.worker;

import static com.sharedmobility.key.worker.ExternalTasks.revokeKeyTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.sharedmobility.key.PostgresBackedTest;
import com.sharedmobility.rental.process.RentalProcess.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.client.interceptor.ClientRequestContext;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** A key task is one span: its log lines carry its trace id, and its calls to the engine carry its trace on. */
class KeyTaskTracingTest extends PostgresBackedTest {

  @Autowired
  private KeyRevokeWorker worker;
  @Autowired
  @Qualifier("traceContextHeaders")
  private ClientRequestInterceptor traceContextHeaders;
  @Autowired
  private MeterRegistry meters;

  @Test
  void theCompleteOfAKeyTaskCarriesTheTasksTraceToTheEngine() {
    ExternalTaskService service = mock(ExternalTaskService.class);
    AtomicReference<String> traceIdInLogs = new AtomicReference<>();
    RecordedRequest complete = new RecordedRequest();
    // what the engine client does when the worker completes: its interceptors add their headers
    doAnswer(call -> {
      traceIdInLogs.set(MDC.get("traceId"));
      traceContextHeaders.intercept(complete);
      return null;
    }).when(service).complete(any(ExternalTask.class));
    double tasksBefore = revokeTasks();

    worker.execute(revokeKeyTask(newRentalId()), service);

    assertThat(traceIdInLogs.get()).matches("[0-9a-f]{32}");
    assertThat(complete.headers.get("traceparent")).matches("00-" + traceIdInLogs.get() + "-[0-9a-f]{16}-0[01]");
    assertThat(revokeTasks()).isEqualTo(tasksBefore + 1);
    // outside a task nothing is sent (the client's fetches)
    RecordedRequest fetch = new RecordedRequest();
    traceContextHeaders.intercept(fetch);
    assertThat(fetch.headers).isEmpty();
  }

  private double revokeTasks() {
    var timer = meters.find(TaskObservation.NAME).tag("topic", Topics.REVOKE_KEY).timer();
    return timer == null ? 0 : timer.count();
  }

  private static final class RecordedRequest implements ClientRequestContext {

    private final Map<String, String> headers = new HashMap<>();

    @Override
    public void addHeader(String name, String value) {
      headers.put(name, value);
    }
  }
}
