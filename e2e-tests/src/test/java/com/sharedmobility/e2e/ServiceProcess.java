package com.sharedmobility.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service as it ships: {@code java -jar <module>.jar --spring.profiles.active=<profile>} in its own JVM,
 * configured by environment variables, with stdout and stderr appended to a log file.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2))
      .build();

  private final String name;
  private final Path jar;
  private final int port;
  private final Map<String, String> env;
  private final Path logFile;
  private final List<String> jvmOptions;
  private final String profile;
  private Process process;

  public ServiceProcess(String name, Path jar, int port, Map<String, String> env, Path logFile,
      List<String> jvmOptions, String profile) {
    this.name = name;
    this.jar = jar;
    this.port = port;
    this.env = new LinkedHashMap<>(env);
    this.env.put("SERVER_PORT", Integer.toString(port));
    this.logFile = logFile;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.profile = profile;
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Path logFile() {
    return logFile;
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Starts the JVM; the log file is appended to, so a restart keeps the earlier output. */
  public synchronized void start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(name + ": no jar at " + jar.toAbsolutePath()
          + " - build the services first: ./mvnw -DskipTests install (or package)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.add("--spring.profiles.active=" + profile);
    try {
      appendToLog("%n===== e2e: starting %s on port %d at %s =====%n%s%n".formatted(
          name, port, Instant.now(), String.join(" ", command)));
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(jar.toAbsolutePath().getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(env);
      process = builder.start();
      LOG.info("started {} (pid {}) on port {}, log {}", name, process.pid(), port, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /**
   * Polls {@code GET /actuator/health/readiness} until it answers 200. Fails early when the JVM exits,
   * and with the log tail when the time is up.
   */
  public void awaitReady(Duration timeout) {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    String last = "no answer yet";
    URI readiness = URI.create(baseUrl() + "/actuator/health/readiness");
    while (Instant.now().isBefore(deadline)) {
      Process p;
      synchronized (this) {
        p = process;
      }
      if (p == null || !p.isAlive()) {
        throw new IllegalStateException(name + " exited during start-up"
            + (p == null ? "" : " with code " + p.exitValue()) + "\n" + logTail(80));
      }
      try {
        HttpResponse<String> response = HTTP.send(
            HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(3)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          LOG.info("{} ready after {} s", name, Duration.between(start, Instant.now()).toSeconds());
          return;
        }
        last = "HTTP " + response.statusCode() + " " + abbreviate(response.body(), 300);
      } catch (ConnectException e) {
        last = "connection refused";
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
      sleep(500);
    }
    throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s at " + readiness
        + " (last: " + last + ")\n" + logTail(80));
  }

  /** Stops the JVM: SIGTERM (graceful shutdown), then SIGKILL when it takes too long. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process p = process;
    process = null;
    if (!p.isAlive()) {
      return;
    }
    LOG.info("stopping {} (pid {})", name, p.pid());
    p.destroy();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        LOG.warn("{} did not stop within 20 s: killing it", name);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  /**
   * {@code kill -9}: SIGKILL, no graceful shutdown, no shutdown hooks; open transactions die with their database
   * connections, locks the service holds elsewhere (job locks, external task locks) stay until they expire. Waits
   * until the JVM is gone, so that its port is free for a restart. Also the last resort of the JVM shutdown hook.
   *
   * @return whether a running JVM was killed
   */
  public synchronized boolean kill() {
    Process p = process;
    process = null;
    if (p == null || !p.isAlive()) {
      return false;
    }
    p.destroyForcibly();
    try {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        LOG.warn("{} (pid {}) still alive 15 s after SIGKILL", name, p.pid());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("killed {} (pid {}) with SIGKILL", name, p.pid());
    appendToLog("%n===== e2e: killed %s (pid %d) with SIGKILL at %s =====%n".formatted(name, p.pid(), Instant.now()));
    return true;
  }

  /** Appends a marker line to the service's log, so that a fault can be found among the service's own lines. */
  private void appendToLog(String text) {
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(logFile, text, StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.warn("cannot write to {}: {}", logFile, e.toString());
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The last {@code lines} lines of the log, framed so that they stand out in a test report. */
  public String logTail(int lines) {
    Deque<String> tail = new ArrayDeque<>(lines);
    if (Files.isRegularFile(logFile)) {
      try (Stream<String> all = Files.lines(logFile, StandardCharsets.UTF_8)) {
        all.forEach(line -> {
          if (tail.size() == lines) {
            tail.removeFirst();
          }
          tail.addLast(line);
        });
      } catch (IOException | UncheckedIOException e) {
        tail.addLast("(cannot read " + logFile + ": " + e + ")");
      }
    }
    return "----- last " + tail.size() + " lines of " + logFile + " -----\n"
        + String.join("\n", tail)
        + "\n----- end of " + name + " log -----";
  }

  @Override
  public String toString() {
    return name + "@" + port;
  }

  static String abbreviate(String s, int max) {
    if (s == null) {
      return "";
    }
    String oneLine = s.replaceAll("\\s+", " ");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
