package com.sharedmobility.key.worker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.sharedmobility.rental.process.RentalProcess.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.client.exception.ConnectionLostException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.exception.RestException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;

class TaskFailureHandlerTest {

  private final TaskFailureHandler handler =
      new TaskFailureHandler(new TaskRetryPolicy(2, Duration.ofSeconds(1), Duration.ofMinutes(1)));
  private final ExternalTaskService service = mock(ExternalTaskService.class);
  private final ExternalTask task = ExternalTasks.task(Topics.REVOKE_KEY, null, Map.of());

  @Test
  void reportsTheFailureWithItsStackTrace() {
    handler.handle(task, service, new IllegalStateException("database down"));

    verify(service).handleFailure(eq(task), eq("database down"), contains("IllegalStateException"), eq(2),
        eq(1_000L));
  }

  @Test
  void survivesATaskThatIsGoneOrAnEngineThatIsDown() {
    doThrow(new NotFoundException("gone", new RestException("gone", "NotFound", 404)))
        .doThrow(new ConnectionLostException("down", new IOException("refused")))
        .when(service).handleFailure(any(ExternalTask.class), anyString(), anyString(), anyInt(), anyLong());

    assertThatCode(() -> handler.handle(task, service, new IllegalStateException("first")))
        .doesNotThrowAnyException();
    assertThatCode(() -> handler.handle(task, service, new IllegalStateException("second")))
        .doesNotThrowAnyException();
    verify(service, times(2)).handleFailure(eq(task), anyString(), anyString(), anyInt(), anyLong());
  }
}
