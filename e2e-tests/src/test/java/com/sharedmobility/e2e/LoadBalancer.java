package com.sharedmobility.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real load balancer in front of the replicas of a stack: Debian's HAProxy ({@code load-balancer/install.sh}
 * installs it), configured as an operator would put it before Spring Boot services. Each backend's health check is
 * the readiness probe, so a replica that starts or shuts down gets no new requests; a request whose connection is
 * refused or closed unanswered (a replica that just closed its port) goes to another replica. In a cluster the
 * Service and the probes do the same job.
 *
 * <p>{@code POST /rentals} may thus reach the service twice when a replica closes a connection without an answer;
 * the clients of the tests send an {@code Idempotency-Key}, as a client that retries must.
 */
final class LoadBalancer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LoadBalancer.class);

  /** One front end: a port and the replicas behind it. */
  record Frontend(String name, int port, List<ServiceProcess> replicas) {

    String url() {
      return "http://127.0.0.1:" + port;
    }
  }

  private final List<Frontend> frontends;
  private final Path config;
  private final Path logFile;
  private Process process;

  LoadBalancer(List<Frontend> frontends, Path dir) {
    this.frontends = List.copyOf(frontends);
    this.config = dir.resolve("haproxy.cfg");
    this.logFile = dir.resolve("haproxy.log");
  }

  /** Writes the configuration, starts HAProxy in the foreground and waits until every front end listens. */
  void start() {
    try {
      Files.createDirectories(config.getParent());
      Files.writeString(config, configuration(), StandardCharsets.UTF_8);
      process = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start haproxy (installed by e2e-tests/load-balancer/install.sh)", e);
    }
    Instant deadline = Instant.now().plusSeconds(10);
    for (Frontend f : frontends) {
      while (!listens(f.port())) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("haproxy does not listen on " + f.port() + "; see " + logFile);
        }
        ServiceProcess.sleep(100);
      }
    }
    LOG.info("haproxy (pid {}) in front of {}; config {}, log {}", process.pid(),
        frontends.stream().map(f -> f.name() + " " + f.url() + " -> " + f.replicas()).toList(), config, logFile);
  }

  Frontend frontend(String name) {
    return frontends.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no front end " + name));
  }

  Path logFile() {
    return logFile;
  }

  /**
   * Health checks every second on the readiness probe (every 250 ms while a replica changes state), one failed
   * check takes a replica out; a refused or unanswered connection is retried on another replica; a replica that
   * comes up gets its share over 20 s (its JVM is cold), as a rollout waits 20 s after a pod is ready
   * ({@code minReadySeconds} in k8s).
   */
  private String configuration() {
    StringBuilder cfg = new StringBuilder("""
        global
          log stdout format raw local0 info
          maxconn 4096
        defaults
          log global
          mode http
          option httplog
          option dontlognull
          timeout connect 1s
          timeout client 65s
          timeout http-keep-alive 60s
          timeout server 65s
          timeout queue 15s
          retries 3
          option redispatch 1
          retry-on conn-failure empty-response
          option httpchk GET /actuator/health/readiness
          default-server inter 1s fastinter 250ms downinter 500ms fall 1 rise 1 slowstart 20s
        """);
    for (Frontend f : frontends) {
      cfg.append("frontend ").append(f.name()).append('\n')
          .append("  bind 127.0.0.1:").append(f.port()).append('\n')
          .append("  default_backend ").append(f.name()).append("_replicas\n")
          .append("backend ").append(f.name()).append("_replicas\n")
          .append("  balance roundrobin\n");
      for (ServiceProcess replica : f.replicas()) {
        cfg.append("  server ").append(replica.name()).append(" 127.0.0.1:").append(replica.port()).append(" check\n");
      }
    }
    return cfg.toString();
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private static boolean listens(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), (int) Duration.ofMillis(200).toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
