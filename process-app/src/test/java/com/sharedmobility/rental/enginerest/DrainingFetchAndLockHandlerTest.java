package com.sharedmobility.rental.enginerest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.process.RentalProcess;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.List;
import org.camunda.bpm.engine.rest.dto.externaltask.FetchExternalTasksDto.FetchExternalTaskTopicDto;
import org.camunda.bpm.engine.rest.dto.externaltask.FetchExternalTasksExtendedDto;
import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that shuts down answers a waiting long poll with "no task" at once, and every poll after it, instead of
 * keeping it until its time is over (the graceful shutdown would wait for it) or answering 500.
 */
class DrainingFetchAndLockHandlerTest extends RentalTestBase {

  /** A handler of this test's own: engine REST's shared one stays running for the other tests. */
  private final DrainingFetchAndLockHandler handler = new DrainingFetchAndLockHandler();

  @AfterEach
  void stopHandler() {
    handler.shutdown();
  }

  @Test
  void engineRestPollsThroughThisHandler() {
    assertThat(FetchAndLockContextListener.getFetchAndLockHandler()).isInstanceOf(DrainingFetchAndLockHandler.class);
  }

  @Test
  void aWaitingPollIsAnsweredWithNoTaskWhenShutdownBegins() {
    handler.start();
    AsyncResponse waiting = mock(AsyncResponse.class);
    handler.addPendingRequest(poll("w-waiting"), waiting, engine);
    verifyNoInteractions(waiting);

    handler.shutdown();

    verify(waiting, timeout(1_000)).resume(List.of());
  }

  @Test
  void aPollArrivingDuringShutdownIsAnsweredWithNoTaskAtOnce() {
    handler.start();
    handler.shutdown();
    AsyncResponse late = mock(AsyncResponse.class);

    handler.addPendingRequest(poll("w-late"), late, engine);

    verify(late, timeout(1_000)).resume(List.of());
  }

  @Test
  void aHandlerStartedAgainAfterAShutdownLetsPollsWaitAgain() {
    handler.start();
    handler.shutdown();
    handler.start();
    AsyncResponse waiting = mock(AsyncResponse.class);

    handler.addPendingRequest(poll("w-again"), waiting, engine);

    verify(waiting, after(500).never()).resume(List.of());
    handler.shutdown();
    verify(waiting, timeout(1_000)).resume(List.of());
  }

  /** A key worker's poll for 20 s, for a rental that does not exist: no task comes. */
  private static FetchExternalTasksExtendedDto poll(String workerId) {
    FetchExternalTaskTopicDto topic = new FetchExternalTaskTopicDto();
    topic.setTopicName(RentalProcess.Topics.ISSUE_KEY);
    topic.setLockDuration(30_000L);
    topic.setBusinessKey("no-such-rental");
    FetchExternalTasksExtendedDto dto = new FetchExternalTasksExtendedDto();
    dto.setWorkerId(workerId);
    dto.setMaxTasks(1);
    dto.setAsyncResponseTimeout(20_000L);
    dto.setTopics(List.of(topic));
    return dto;
  }
}
