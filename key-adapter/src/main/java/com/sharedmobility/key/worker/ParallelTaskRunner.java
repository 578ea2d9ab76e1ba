package com.sharedmobility.key.worker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs the workers' tasks side by side. The external task client hands the tasks it fetched to the handlers one
 * after another on its single thread, and each task is two round trips (key store, then the engine's complete), so
 * one at a time capped a key-adapter at a few dozen keys per second while its CPU idled (docs/benchmarks.md). At
 * most {@code key.worker.parallelism} tasks run at once; when all run, the client's thread waits for a free slot
 * before it takes the next task, so it never fetches and locks more than it can work on. With a parallelism of 1 a
 * task runs on the client's thread, as without this runner.
 */
@Component
class ParallelTaskRunner implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(ParallelTaskRunner.class);
  /**
   * On shutdown, how long running tasks may take to finish; an unfinished one comes back when its lock expires, a
   * fetched one not started yet is unlocked at once.
   */
  private static final long SHUTDOWN_WAIT_SECONDS = 15;

  private final Semaphore slots;
  private final ExecutorService threads;

  ParallelTaskRunner(@Value("${key.worker.parallelism}") int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("key.worker.parallelism must be at least 1, not " + parallelism);
    }
    this.slots = new Semaphore(parallelism);
    this.threads = parallelism == 1 ? null : threadPool(parallelism);
  }

  /**
   * Runs a fetched task's work; once this key-adapter shuts down, the task is unlocked instead, so that another
   * replica takes it at its next fetch rather than after the lock expires (a rolling restart loses no time).
   */
  void run(ExternalTask task, ExternalTaskService service, Runnable work) {
    try {
      run(work);
    } catch (RejectedExecutionException shuttingDown) {
      try {
        service.unlock(task);
        LOG.info("{} task {} unlocked for another worker: this one shuts down", task.getTopicName(), task.getId());
      } catch (RuntimeException e) {
        LOG.warn("{} task {} could not be unlocked ({}); it comes back when its lock expires", task.getTopicName(),
            task.getId(), e.toString());
      }
    }
  }

  /** Runs the task's work on a free worker thread, waiting for one; the work must handle its own failures. */
  void run(Runnable work) {
    if (threads == null) {
      work.run();
      return;
    }
    slots.acquireUninterruptibly();
    try {
      threads.execute(() -> {
        try {
          work.run();
        } finally {
          slots.release();
        }
      });
    } catch (RejectedExecutionException shuttingDown) {
      slots.release();
      throw shuttingDown;
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    if (threads == null) {
      return;
    }
    threads.shutdown();
    if (!threads.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
      LOG.warn("key tasks still running after {} s of shutdown; they come back to a worker when their lock expires",
          SHUTDOWN_WAIT_SECONDS);
    }
  }

  private static ExecutorService threadPool(int parallelism) {
    AtomicInteger count = new AtomicInteger();
    // a queue, because a finishing task frees its slot a moment before its thread is idle again
    return new ThreadPoolExecutor(parallelism, parallelism, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), work -> {
      Thread thread = new Thread(work, "key-task-" + count.incrementAndGet());
      thread.setDaemon(false);
      return thread;
    });
  }
}
