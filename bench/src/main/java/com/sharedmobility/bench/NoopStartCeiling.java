package com.sharedmobility.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.model.bpmn.Bpmn;

/**
 * The ceiling that {@code POST /rentals} is measured against: how many instances of a start → end process the
 * same engine version, with process-app's engine settings (history level audit, job executor on, UUID ids, a
 * Hikari pool of process-app's size), starts per second on the same PostgreSQL. No HTTP, no Spring, no payment
 * call, no read model: what is left when the rental's own work is taken away.
 *
 * <p>Usage: {@code NoopStartCeiling <jdbcUrl> <user> <password> <seconds per level> <threads,threads,...>}; prints
 * one line {@code noop threads=N starts=S seconds=T rate=R} per level.
 */
public final class NoopStartCeiling {

  private static final String PROCESS_KEY = "noop";
  // the same pool size as process-app's default (DB_POOL_SIZE)
  private static final int POOL_SIZE = 20;
  private static final int WARM_UP_SECONDS = 5;

  private NoopStartCeiling() {
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 5) {
      throw new IllegalArgumentException("usage: NoopStartCeiling <jdbcUrl> <user> <password> <seconds> <threads,...>");
    }
    int seconds = Integer.parseInt(args[3]);
    try (HikariDataSource dataSource = dataSource(args[0], args[1], args[2])) {
      ProcessEngine engine = engine(dataSource);
      try {
        engine.getRepositoryService().createDeployment()
            .addModelInstance("noop.bpmn", Bpmn.createExecutableProcess(PROCESS_KEY)
                .camundaHistoryTimeToLive(30)
                .startEvent().endEvent().done())
            .deploy();
        RuntimeService runtime = engine.getRuntimeService();
        startFor(runtime, POOL_SIZE, WARM_UP_SECONDS);
        for (String threads : args[4].split(",")) {
          int n = Integer.parseInt(threads.trim());
          long starts = startFor(runtime, n, seconds);
          System.out.printf(Locale.ROOT, "noop threads=%d starts=%d seconds=%d rate=%.1f%n",
              n, starts, seconds, starts / (double) seconds);
        }
      } finally {
        engine.close();
      }
    }
  }

  private static HikariDataSource dataSource(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(POOL_SIZE);
    return new HikariDataSource(config);
  }

  /** process-app's engine settings (application.yml and the Spring Boot starter's defaults) that cost time. */
  private static ProcessEngine engine(HikariDataSource dataSource) {
    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    config.setDataSource(dataSource);
    config.setDatabaseSchemaUpdate("true");
    config.setHistory("audit");
    config.setJobExecutorActivate(true);
    config.setAuthorizationEnabled(true);
    config.setIdGenerator(new StrongUuidGenerator());
    return config.buildProcessEngine();
  }

  /** Starts instances from {@code threads} threads for {@code seconds}; returns how many were started. */
  private static long startFor(RuntimeService runtime, int threads, int seconds) throws InterruptedException {
    LongAdder started = new LongAdder();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread worker = new Thread(() -> {
        while (running.get()) {
          runtime.startProcessInstanceByKey(PROCESS_KEY);
          started.increment();
        }
      }, "noop-starter-" + i);
      worker.start();
      workers.add(worker);
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    long count = started.sum();
    for (Thread worker : workers) {
      worker.join();
    }
    return count;
  }
}
