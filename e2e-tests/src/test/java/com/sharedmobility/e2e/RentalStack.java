package com.sharedmobility.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.testsupport.PostgresTestDatabase;
import com.sharedmobility.testsupport.PostgresTestDatabase.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three services as built, each in its own JVM on its own free port with its own fresh PostgreSQL
 * database, wired to each other the way an operator would wire them: by environment variables.
 *
 * <p>Configuration (system properties, set by the failsafe configuration in the pom):
 * <ul>
 *   <li>{@code e2e.repoRoot}: the repository root holding {@code <module>/target/<module>-0.1.0-SNAPSHOT.jar}</li>
 *   <li>{@code e2e.logDir}: where {@code <service>.log} goes</li>
 *   <li>{@code e2e.rentalHour}, {@code e2e.paymentRetryInitialDelay}, {@code e2e.paymentRetryMaxAttempts}</li>
 *   <li>{@code e2e.startTimeoutSeconds}, {@code e2e.jvmOptions}</li>
 * </ul>
 */
public final class RentalStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RentalStack.class);

  public static final String PROCESS_APP = "process-app";
  public static final String PAYMENT_ADAPTER = "payment-adapter";
  public static final String KEY_ADAPTER = "key-adapter";
  private static final String VERSION = "0.1.0-SNAPSHOT";

  /** The length of one rental hour in this stack: a 1-hour rental runs out after this long. */
  public static final Duration RENTAL_HOUR = Duration.parse(System.getProperty("e2e.rentalHour", "PT3S"));

  private final Path repoRoot;
  private final Path logDir;
  private final Duration startTimeout;
  private final ServiceProcess payment;
  private final ServiceProcess process;
  private final ServiceProcess key;
  private final Set<String> claimedVehicles = new HashSet<>();
  private List<Mobility> catalogue;

  /** One vehicle of the catalogue; {@code id} is kept as JSON so it is sent back exactly as received. */
  public record Mobility(JsonNode id, String type, String name, BigDecimal pricePerHour) {

    public String idText() {
      return id.asText();
    }
  }

  private RentalStack() {
    repoRoot = Path.of(System.getProperty("e2e.repoRoot", "..")).toAbsolutePath().normalize();
    logDir = Path.of(System.getProperty("e2e.logDir", "target/e2e-logs")).toAbsolutePath().normalize();
    startTimeout = Duration.ofSeconds(Long.getLong("e2e.startTimeoutSeconds", 120));
    List<String> jvmOptions = Arrays.stream(System.getProperty("e2e.jvmOptions", "-Xmx384m").trim().split("\\s+"))
        .filter(s -> !s.isBlank())
        .toList();

    Database rentalDb = PostgresTestDatabase.create("e2e_rental");
    Database paymentDb = PostgresTestDatabase.create("e2e_payment");
    Database keyDb = PostgresTestDatabase.create("e2e_key");
    LOG.info("databases: {}, {}, {}", rentalDb.jdbcUrl(), paymentDb.jdbcUrl(), keyDb.jdbcUrl());

    int[] ports = freePorts(3);
    int paymentPort = ports[0];
    int processPort = ports[1];
    int keyPort = ports[2];

    Map<String, String> paymentEnv = datasource(paymentDb);
    payment = service(PAYMENT_ADAPTER, paymentPort, paymentEnv, jvmOptions);

    Map<String, String> processEnv = datasource(rentalDb);
    processEnv.put("PAYMENT_URL", "http://127.0.0.1:" + paymentPort);
    processEnv.put("RENTAL_HOUR", RENTAL_HOUR.toString());
    processEnv.put("PAYMENT_RETRY_INITIAL_DELAY", System.getProperty("e2e.paymentRetryInitialDelay", "PT2S"));
    processEnv.put("PAYMENT_RETRY_MAX_ATTEMPTS", System.getProperty("e2e.paymentRetryMaxAttempts", "6"));
    process = service(PROCESS_APP, processPort, processEnv, jvmOptions);

    Map<String, String> keyEnv = datasource(keyDb);
    keyEnv.put("ENGINE_REST_URL", "http://127.0.0.1:" + processPort + "/engine-rest");
    key = service(KEY_ADAPTER, keyPort, keyEnv, jvmOptions);
  }

  /**
   * Starts payment-adapter and process-app side by side, then key-adapter (it polls process-app), and
   * waits for each readiness probe. On failure everything started so far is stopped again.
   */
  public static RentalStack start() {
    RentalStack stack = new RentalStack();
    Thread killer = new Thread(stack::killAll, "e2e-stack-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() {
    for (ServiceProcess s : services()) {
      try {
        Files.deleteIfExists(s.logFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    long t0 = System.nanoTime();
    payment.start();
    process.start();
    CompletableFuture<Void> paymentReady = CompletableFuture.runAsync(() -> payment.awaitReady(startTimeout));
    CompletableFuture<Void> processReady = CompletableFuture.runAsync(() -> process.awaitReady(startTimeout));
    join(paymentReady);
    join(processReady);
    key.start();
    key.awaitReady(startTimeout);
    LOG.info("stack ready after {} s: process-app {}, payment-adapter {}, key-adapter {}; logs in {}",
        Duration.ofNanos(System.nanoTime() - t0).toSeconds(), process.baseUrl(), payment.baseUrl(),
        key.baseUrl(), logDir);
  }

  private static void join(CompletableFuture<Void> future) {
    try {
      future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- the services

  public ServiceProcess processApp() {
    return process;
  }

  public ServiceProcess paymentAdapter() {
    return payment;
  }

  public ServiceProcess keyAdapter() {
    return key;
  }

  public List<ServiceProcess> services() {
    return List.of(payment, process, key);
  }

  /** Stops payment-adapter (SIGTERM, then SIGKILL), leaving its port and database as they are. */
  public void stopPaymentAdapter() {
    payment.stop();
  }

  /** Starts payment-adapter again on the same port and database and waits until it is ready. */
  public void restartPaymentAdapter() {
    payment.start();
    payment.awaitReady(startTimeout);
  }

  // ---------------------------------------------------------------- clients

  public RentalApiClient customer(String user) {
    return RentalApiClient.as(process.baseUrl(), user, user);
  }

  public RentalApiClient alice() {
    return customer("alice");
  }

  public RentalApiClient bob() {
    return customer("bob");
  }

  public RentalApiClient anonymous() {
    return RentalApiClient.anonymous(process.baseUrl());
  }

  /** key-adapter as a vehicle's on-board unit: {@code POST /keys/verify}. */
  public RentalApiClient vehicleUnit() {
    return RentalApiClient.as(key.baseUrl(), "vehicle", "vehicle");
  }

  /** key-adapter as an operator: {@code GET /keys/{rentalId}}. */
  public RentalApiClient keysAsOps() {
    return RentalApiClient.as(key.baseUrl(), "ops", "ops");
  }

  /** payment-adapter's ledger; it has no authentication yet, the operator's credentials do no harm. */
  public RentalApiClient payments() {
    return RentalApiClient.as(payment.baseUrl(), "ops", "ops");
  }

  // ---------------------------------------------------------------- vehicles

  /** The catalogue as alice sees it, read once. */
  public synchronized List<Mobility> catalogue() {
    if (catalogue == null) {
      RentalApiClient.Response response = alice().mobilities();
      if (response.status() != 200 || !response.json().isArray()) {
        throw new IllegalStateException("cannot read the catalogue: " + response);
      }
      List<Mobility> list = new ArrayList<>();
      for (JsonNode m : response.json()) {
        list.add(new Mobility(m.get("id"), m.path("type").asText(null), m.path("name").asText(null),
            m.hasNonNull("pricePerHour") ? m.get("pricePerHour").decimalValue() : null));
      }
      if (list.isEmpty()) {
        throw new IllegalStateException("the catalogue is empty: " + response);
      }
      catalogue = List.copyOf(list);
    }
    return catalogue;
  }

  /**
   * A vehicle no other test has claimed in this stack, so that no live rental of another test can make
   * an application answer 409.
   */
  public synchronized Mobility claimVehicle() {
    for (Mobility m : catalogue()) {
      if (claimedVehicles.add(m.idText())) {
        LOG.info("claimed vehicle {} ({} {}, {} per hour)", m.idText(), m.type(), m.name(), m.pricePerHour());
        return m;
      }
    }
    throw new IllegalStateException("all " + catalogue.size() + " vehicles of the catalogue are claimed");
  }

  /** Any vehicle other than {@code vehicle}, for checks that rent nothing (a key of another vehicle). */
  public Mobility anotherVehicleThan(Mobility vehicle) {
    return catalogue().stream()
        .filter(m -> !m.idText().equals(vehicle.idText()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the catalogue has only one vehicle"));
  }

  // ---------------------------------------------------------------- diagnostics and shutdown

  /** The tails of all three logs, for a failed test. */
  public String logTails(int lines) {
    StringBuilder sb = new StringBuilder();
    for (ServiceProcess s : services()) {
      sb.append('\n').append(s.name()).append(s.isAlive() ? " (running)" : " (not running)").append('\n')
          .append(s.logTail(lines)).append('\n');
    }
    return sb.toString();
  }

  public Path logDir() {
    return logDir;
  }

  /** Stops key-adapter first (it polls process-app), then process-app, then payment-adapter. */
  @Override
  public void close() {
    for (ServiceProcess s : List.of(key, process, payment)) {
      try {
        s.stop();
      } catch (RuntimeException e) {
        LOG.warn("cannot stop {}", s.name(), e);
      }
    }
  }

  private void killAll() {
    services().forEach(ServiceProcess::kill);
  }

  // ---------------------------------------------------------------- helpers

  private ServiceProcess service(String module, int port, Map<String, String> env, List<String> jvmOptions) {
    Path jar = repoRoot.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
    return new ServiceProcess(module, jar, port, env, logDir.resolve(module + ".log"), jvmOptions);
  }

  private static Map<String, String> datasource(Database db) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPRING_DATASOURCE_URL", db.jdbcUrl());
    env.put("SPRING_DATASOURCE_USERNAME", db.username());
    env.put("SPRING_DATASOURCE_PASSWORD", db.password());
    // an embedded H2 of the local profile may name its driver; PostgreSQL's is found from the URL
    env.put("SPRING_DATASOURCE_DRIVER_CLASS_NAME", "org.postgresql.Driver");
    return env;
  }

  /** Distinct free ports: all sockets are held open together so that no port is handed out twice. */
  private static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0);
        socket.setReuseAddress(true);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a probe socket
        }
      }
    }
  }
}
