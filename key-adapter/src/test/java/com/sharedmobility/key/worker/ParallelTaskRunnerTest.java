package com.sharedmobility.key.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTaskRunnerTest {

  private ParallelTaskRunner runner;

  @AfterEach
  void stop() throws InterruptedException {
    if (runner != null) {
      runner.destroy();
    }
  }

  @Test
  void tasksRunSideBySideOnWorkerThreads() throws Exception {
    runner = new ParallelTaskRunner(3);
    CountDownLatch allStarted = new CountDownLatch(3);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> threadName = new AtomicReference<>();

    for (int i = 0; i < 3; i++) {
      runner.run(() -> {
        threadName.set(Thread.currentThread().getName());
        allStarted.countDown();
        await(release);
      });
    }

    assertThat(allStarted.await(5, TimeUnit.SECONDS)).as("three tasks running at once").isTrue();
    assertThat(threadName.get()).startsWith("key-task-");
    release.countDown();
  }

  @Test
  void theCallerWaitsForAFreeSlotSoNoMoreTasksRunThanAllowed() throws Exception {
    runner = new ParallelTaskRunner(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    Runnable blocking = () -> {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      await(release);
      running.decrementAndGet();
    };
    runner.run(blocking);
    runner.run(blocking);

    CountDownLatch thirdSubmitted = new CountDownLatch(1);
    Thread client = new Thread(() -> {
      runner.run(blocking);
      thirdSubmitted.countDown();
    });
    client.start();

    assertThat(thirdSubmitted.await(300, TimeUnit.MILLISECONDS)).as("the client's thread waits").isFalse();
    release.countDown();
    assertThat(thirdSubmitted.await(5, TimeUnit.SECONDS)).as("and goes on when a slot is free").isTrue();
    client.join(5_000);
    runner.destroy();
    assertThat(mostAtOnce).hasValue(2);
  }

  @Test
  void aFailingTaskFreesItsSlot() throws Exception {
    runner = new ParallelTaskRunner(2);
    CountDownLatch done = new CountDownLatch(3);
    for (int i = 0; i < 3; i++) {
      runner.run(() -> {
        done.countDown();
        throw new IllegalStateException("a handler that let a failure escape");
      });
    }

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void shutdownLetsRunningTasksFinishAndRefusesNewOnes() throws Exception {
    runner = new ParallelTaskRunner(2);
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    runner.run(() -> {
      started.countDown();
      sleep(300);
      finished.incrementAndGet();
    });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    runner.destroy();

    assertThat(finished).hasValue(1);
    assertThatThrownBy(() -> runner.run(finished::incrementAndGet)).isInstanceOf(RejectedExecutionException.class);
    assertThat(finished).hasValue(1);
  }

  /** A task the client hands over after shutdown began goes back to the engine at once, for another replica. */
  @Test
  void aTaskHandedOverDuringShutdownIsUnlockedInsteadOfLeftToItsLock() throws Exception {
    runner = new ParallelTaskRunner(2);
    runner.destroy();
    ExternalTask task = mock(ExternalTask.class);
    ExternalTaskService service = mock(ExternalTaskService.class);
    AtomicInteger ran = new AtomicInteger();

    runner.run(task, service, ran::incrementAndGet);

    verify(service).unlock(task);
    assertThat(ran).hasValue(0);
  }

  @Test
  void aTaskRunsAndStaysLockedWhileTheRunnerWorks() throws Exception {
    runner = new ParallelTaskRunner(2);
    ExternalTaskService service = mock(ExternalTaskService.class);
    CountDownLatch ran = new CountDownLatch(1);

    runner.run(mock(ExternalTask.class), service, ran::countDown);

    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    verify(service, never()).unlock(any());
  }

  @Test
  void aParallelismOfOneRunsOnTheCallersThread() {
    runner = new ParallelTaskRunner(1);
    AtomicReference<Thread> ranOn = new AtomicReference<>();

    runner.run(() -> ranOn.set(Thread.currentThread()));

    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void aParallelismBelowOneIsRefused() {
    assertThatThrownBy(() -> new ParallelTaskRunner(0)).hasMessageContaining("key.worker.parallelism");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
