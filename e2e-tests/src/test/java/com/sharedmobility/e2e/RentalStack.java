package com.sharedmobility.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.testsupport.PostgresTestDatabase;
import com.sharedmobility.testsupport.PostgresTestDatabase.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import com.fasterxml.jackson.databind.node.TextNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three services as built, each in its own JVM on its own free port with its own fresh PostgreSQL
 * database, wired to each other the way an operator would wire them: by environment variables.
 *
 * <p>The default stack is shared by all test classes; a class annotated with {@link StackSettings} gets a stack
 * with these settings instead (see {@link RentalStackExtension}).
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

  /** The length of one rental hour in the default stack: a 1-hour rental runs out after this long. */
  public static final Duration RENTAL_HOUR = Duration.parse(System.getProperty("e2e.rentalHour", "PT3S"));

  private final Settings settings;
  private final Path repoRoot;
  private final Path logDir;
  private final Duration startTimeout;
  private final ServiceProcess payment;
  /** process-app's nodes on one database; the first is named process-app, the others process-app-2, ... */
  private final List<ServiceProcess> processNodes = new ArrayList<>();
  /** key-adapter's replicas on one database; the first is named key-adapter, the others key-adapter-2, ... */
  private final List<ServiceProcess> keyReplicas = new ArrayList<>();
  /** HAProxy in front of process-app and key-adapter, when the settings ask for it. */
  private final LoadBalancer loadBalancer;
  private final Map<String, Database> databases = new LinkedHashMap<>();
  private final Map<String, DatabaseServer> databaseServers = new LinkedHashMap<>();
  private final Set<String> claimedVehicles = new HashSet<>();
  private List<Mobility> catalogue;

  /** One vehicle of the catalogue; {@code id} is kept as JSON so it is sent back exactly as received. */
  public record Mobility(JsonNode id, String type, String name, BigDecimal pricePerHour) {

    public String idText() {
      return id.asText();
    }
  }

  /**
   * What distinguishes one stack from another: the rental hour and environment variables added to (or replacing)
   * each service's defaults. A named stack writes its logs to {@code <e2e.logDir>/<name>/}.
   *
   * @param name {@code null} for the default stack
   * @param env service name ({@link #PROCESS_APP}, ...) to extra environment variables
   */
  public record Settings(String name, String profile, Duration rentalHour, int processAppNodes,
                         int keyAdapterReplicas, boolean loadBalancer, boolean ownDatabaseServers,
                         Map<String, Map<String, String>> env) {

    public static final Settings DEFAULT = new Settings(null, "local", RENTAL_HOUR, 1, 1, false, false, Map.of());
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\$\\{([^}]+)}");

    public Settings {
      Objects.requireNonNull(rentalHour, "rentalHour");
      if (processAppNodes < 1 || keyAdapterReplicas < 1) {
        throw new IllegalArgumentException("at least one process-app node and one key-adapter replica");
      }
      env = Map.copyOf(env);
    }

    /** The settings an annotation asks for; "NAME=value" pairs per service. */
    public static Settings of(StackSettings annotation) {
      Map<String, Map<String, String>> env = new LinkedHashMap<>();
      env.put(PROCESS_APP, pairs(annotation.processApp()));
      env.put(PAYMENT_ADAPTER, pairs(annotation.paymentAdapter()));
      env.put(KEY_ADAPTER, pairs(annotation.keyAdapter()));
      return new Settings(annotation.name(), annotation.profile(),
          annotation.rentalHour().isBlank() ? RENTAL_HOUR : Duration.parse(annotation.rentalHour()),
          annotation.processAppNodes(), annotation.keyAdapterReplicas(), annotation.loadBalancer(),
          annotation.ownDatabaseServers(), env);
    }

    /** The service's extra variables, each {@code ${name}} replaced by that system property. */
    Map<String, String> envOf(String service) {
      Map<String, String> resolved = new LinkedHashMap<>();
      env.getOrDefault(service, Map.of()).forEach((name, value) -> resolved.put(name,
          PLACEHOLDER.matcher(value).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
              Objects.requireNonNull(System.getProperty(m.group(1)), "system property " + m.group(1) + " not set")))));
      return resolved;
    }

    private static Map<String, String> pairs(String[] pairs) {
      Map<String, String> map = new LinkedHashMap<>();
      for (String pair : pairs) {
        int eq = pair.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("not NAME=value: " + pair);
        }
        map.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
      return Map.copyOf(map);
    }

    @Override
    public String toString() {
      Map<String, Map<String, String>> sorted = new java.util.TreeMap<>();
      env.forEach((service, vars) -> sorted.put(service, new java.util.TreeMap<>(vars)));
      return (name == null ? "default" : name) + " stack (profile " + profile + ", rental hour " + rentalHour
          + ", process-app nodes " + processAppNodes + ", key-adapter replicas " + keyAdapterReplicas
          + (loadBalancer ? ", behind HAProxy" : "") + (ownDatabaseServers ? ", a database server each" : "")
          + ", extra env " + sorted + ")";
    }
  }

  private RentalStack(Settings settings) {
    this.settings = settings;
    repoRoot = Path.of(System.getProperty("e2e.repoRoot", "..")).toAbsolutePath().normalize();
    Path baseLogDir = Path.of(System.getProperty("e2e.logDir", "target/e2e-logs")).toAbsolutePath().normalize();
    logDir = settings.name() == null ? baseLogDir : baseLogDir.resolve(settings.name());
    startTimeout = Duration.ofSeconds(Long.getLong("e2e.startTimeoutSeconds", 120));
    List<String> jvmOptions = Arrays.stream(System.getProperty("e2e.jvmOptions", "-Xmx384m").trim().split("\\s+"))
        .filter(s -> !s.isBlank())
        .toList();

    Database rentalDb = database(PROCESS_APP, "e2e_rental");
    Database paymentDb = database(PAYMENT_ADAPTER, "e2e_payment");
    Database keyDb = database(KEY_ADAPTER, "e2e_key");
    LOG.info("databases: {}, {}, {}", rentalDb.jdbcUrl(), paymentDb.jdbcUrl(), keyDb.jdbcUrl());
    databases.put(PROCESS_APP, rentalDb);
    databases.put(PAYMENT_ADAPTER, paymentDb);
    databases.put(KEY_ADAPTER, keyDb);

    int nodes = settings.processAppNodes();
    int[] ports = freePorts(1 + nodes + settings.keyAdapterReplicas() + (settings.loadBalancer() ? 2 : 0));
    int paymentPort = ports[0];
    int firstKeyPort = ports[1 + nodes];
    int rentalFrontPort = settings.loadBalancer() ? ports[ports.length - 2] : -1;
    int keyFrontPort = settings.loadBalancer() ? ports[ports.length - 1] : -1;

    Map<String, String> paymentEnv = datasource(paymentDb);
    paymentEnv.putAll(settings.envOf(PAYMENT_ADAPTER));
    payment = service(PAYMENT_ADAPTER, paymentPort, paymentEnv, jvmOptions);

    Map<String, String> processEnv = datasource(rentalDb);
    processEnv.put("PAYMENT_URL", "http://127.0.0.1:" + paymentPort);
    processEnv.put("KEY_SERVICE_URL", "http://127.0.0.1:" + (settings.loadBalancer() ? keyFrontPort : firstKeyPort));
    processEnv.put("RENTAL_HOUR", settings.rentalHour().toString());
    processEnv.put("PAYMENT_RETRY_INITIAL_DELAY", System.getProperty("e2e.paymentRetryInitialDelay", "PT2S"));
    processEnv.put("PAYMENT_RETRY_MAX_ATTEMPTS", System.getProperty("e2e.paymentRetryMaxAttempts", "6"));
    // ConcurrentApplicationsIT races 50 applications for one vehicle through the vehicle lock; the node's admission
    // (6 in progress by default, RentalApiTest) would turn most of them into 503s before they reach it
    processEnv.put("ADMISSION_MAX_CONCURRENT_APPLICATIONS", "64");
    processEnv.putAll(settings.envOf(PROCESS_APP));
    for (int node = 1; node <= nodes; node++) {
      processNodes.add(service(PROCESS_APP, replicaName(PROCESS_APP, node), ports[node], processEnv, jvmOptions));
    }

    Map<String, String> keyEnv = datasource(keyDb);
    keyEnv.put("ENGINE_REST_URL", (settings.loadBalancer() ? "http://127.0.0.1:" + rentalFrontPort
        : processNodes.get(processNodes.size() - 1).baseUrl()) + "/engine-rest");
    // seconds, not the default minute: tests wait for keys to expire
    keyEnv.put("KEY_VALIDITY_MARGIN", System.getProperty("e2e.keyValidityMargin", "PT5S"));
    keyEnv.putAll(settings.envOf(KEY_ADAPTER));
    for (int replica = 1; replica <= settings.keyAdapterReplicas(); replica++) {
      keyReplicas.add(service(KEY_ADAPTER, replicaName(KEY_ADAPTER, replica), ports[nodes + replica], keyEnv,
          jvmOptions));
    }
    loadBalancer = settings.loadBalancer() ? new LoadBalancer(List.of(
        new LoadBalancer.Frontend(PROCESS_APP, rentalFrontPort, processNodes),
        new LoadBalancer.Frontend(KEY_ADAPTER, keyFrontPort, keyReplicas)), logDir) : null;
  }

  /** A fresh database of the service: on a server of its own when the settings ask for it. */
  private Database database(String service, String prefix) {
    if (!settings.ownDatabaseServers()) {
      return PostgresTestDatabase.create(prefix);
    }
    DatabaseServer server = DatabaseServer.create(service, logDir.resolve(service + "-pgdata"));
    databaseServers.put(service, server);
    return server.database();
  }

  private static String replicaName(String service, int replica) {
    return replica == 1 ? service : service + "-" + replica;
  }

  /**
   * Starts payment-adapter and process-app side by side, then key-adapter (it polls process-app), and
   * waits for each readiness probe. On failure everything started so far is stopped again.
   */
  public static RentalStack start() {
    return start(Settings.DEFAULT);
  }

  /** Starts a stack with these settings on fresh databases and free ports. */
  public static RentalStack start(Settings settings) {
    LOG.info("starting the {}", settings);
    RentalStack stack = new RentalStack(settings);
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
    if (loadBalancer != null) {
      loadBalancer.start();
    }
    payment.start();
    processNodes.get(0).start();
    CompletableFuture<Void> paymentReady = CompletableFuture.runAsync(() -> payment.awaitReady(startTimeout));
    processNodes.get(0).awaitReady(startTimeout);
    // further nodes once the first has created the schema and deployed the models, as in a rolling start
    for (ServiceProcess node : processNodes.subList(1, processNodes.size())) {
      node.start();
      node.awaitReady(startTimeout);
    }
    join(paymentReady);
    keyReplicas.forEach(ServiceProcess::start);
    keyReplicas.forEach(replica -> replica.awaitReady(startTimeout));
    LOG.info("stack ready after {} s: process-app {}, payment-adapter {}, key-adapter {}; logs in {}",
        Duration.ofNanos(System.nanoTime() - t0).toSeconds(), processNodes.stream().map(ServiceProcess::baseUrl)
            .toList(), payment.baseUrl(), keyReplicas.stream().map(ServiceProcess::baseUrl).toList(), logDir);
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

  /** The first process-app node. */
  public ServiceProcess processApp() {
    return processNodes.get(0);
  }

  /** All process-app nodes, the first first. */
  public List<ServiceProcess> processAppNodes() {
    return List.copyOf(processNodes);
  }

  public ServiceProcess paymentAdapter() {
    return payment;
  }

  /** The first key-adapter replica. */
  public ServiceProcess keyAdapter() {
    return keyReplicas.get(0);
  }

  /** All key-adapter replicas, the first first. */
  public List<ServiceProcess> keyAdapterReplicas() {
    return List.copyOf(keyReplicas);
  }

  public List<ServiceProcess> services() {
    List<ServiceProcess> all = new ArrayList<>();
    all.add(payment);
    all.addAll(processNodes);
    all.addAll(keyReplicas);
    return all;
  }

  /** One of the three services by name: {@link #PROCESS_APP}, {@link #PAYMENT_ADAPTER}, {@link #KEY_ADAPTER}. */
  public ServiceProcess service(String name) {
    return services().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in the stack"));
  }

  /** Stops the service gracefully (SIGTERM, then SIGKILL), leaving its port and database as they are. */
  public void stop(String service) {
    service(service).stop();
  }

  /**
   * {@code kill -9} of the service's JVM (see {@link ServiceProcess#kill()}), leaving its port and database as they
   * are; returns when the JVM is gone.
   */
  public void kill(String service) {
    service(service).kill();
  }

  /**
   * Starts a stopped or killed service again on the same port, database and environment, and waits until it is
   * ready; returns how long that took.
   */
  public Duration restart(String service) {
    long t0 = System.nanoTime();
    ServiceProcess s = service(service);
    s.start();
    s.awaitReady(startTimeout);
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  /**
   * Restarts the database server of a service ({@link StackSettings#ownDatabaseServers()}): a fast shutdown, then
   * {@code away} with no server, then the server again; returns when it accepts connections.
   */
  public void restartDatabase(String service, Duration away) {
    DatabaseServer server = databaseServers.get(service);
    if (server == null) {
      throw new IllegalStateException("the " + settings + " has no database server of " + service + "'s own");
    }
    server.stop();
    try {
      Thread.sleep(away.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      server.start();
    }
  }

  public Settings settings() {
    return settings;
  }

  /** The length of one rental hour in this stack. */
  public Duration rentalHour() {
    return settings.rentalHour();
  }

  /** The PostgreSQL database of a service, to check its data directly. */
  public Database database(String service) {
    Database db = databases.get(service);
    if (db == null) {
      throw new IllegalArgumentException("no service " + service + " in the stack");
    }
    return db;
  }

  /** A new JDBC connection to the database of a service; the caller closes it. */
  public Connection connect(String service) throws SQLException {
    Database db = database(service);
    return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
  }

  // ---------------------------------------------------------------- clients

  /** A customer's client through the load balancer, else of the first process-app node that is alive. */
  public RentalApiClient customer(String user) {
    return RentalApiClient.as(customerUrl(), user, user);
  }

  /** A customer's client of one process-app node. */
  public RentalApiClient customerAt(ServiceProcess node, String user) {
    return RentalApiClient.as(node.baseUrl(), user, user);
  }

  private String customerUrl() {
    if (loadBalancer != null) {
      return loadBalancer.frontend(PROCESS_APP).url();
    }
    return processNodes.stream().filter(ServiceProcess::isAlive).findFirst().orElse(processNodes.get(0)).baseUrl();
  }

  private String keyServiceUrl() {
    return loadBalancer != null ? loadBalancer.frontend(KEY_ADAPTER).url() : keyReplicas.get(0).baseUrl();
  }

  /** The load balancer's log (one line per request: which replica answered, how, after how many retries). */
  public java.util.Optional<Path> loadBalancerLog() {
    return java.util.Optional.ofNullable(loadBalancer).map(LoadBalancer::logFile);
  }

  public RentalApiClient alice() {
    return customer("alice");
  }

  public RentalApiClient bob() {
    return customer("bob");
  }

  public RentalApiClient anonymous() {
    return RentalApiClient.anonymous(customerUrl());
  }

  /** key-adapter as a vehicle's on-board unit: {@code POST /keys/verify}. */
  public RentalApiClient vehicleUnit() {
    return RentalApiClient.as(keyServiceUrl(), "vehicle", "vehicle");
  }

  /** key-adapter as an operator: {@code GET /keys/{rentalId}}. */
  public RentalApiClient keysAsOps() {
    return RentalApiClient.as(keyServiceUrl(), "ops", "ops");
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

  /**
   * Bikes of a test's own, added to process-app's catalogue ({@code prefix}1, {@code prefix}2, ...), for streams
   * that need more vehicles than the catalogue has: none of them ever meets a live rental.
   */
  public List<Mobility> addVehicles(String prefix, int count) {
    try (Connection c = connect(PROCESS_APP);
         PreparedStatement insert = c.prepareStatement("INSERT INTO mobility (id, type, name)"
             + " SELECT ? || g, 'BIKE', 'Bike ' || ? || g FROM generate_series(1, ?) g ON CONFLICT (id) DO NOTHING")) {
      insert.setString(1, prefix);
      insert.setString(2, prefix);
      insert.setInt(3, count);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot add vehicles to the catalogue", e);
    }
    List<Mobility> vehicles = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      vehicles.add(new Mobility(TextNode.valueOf(prefix + i), "BIKE",
          "Bike " + prefix + i, null));
    }
    return vehicles;
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
    List<ServiceProcess> order = new ArrayList<>(services());
    Collections.reverse(order);
    for (ServiceProcess s : order) {
      try {
        s.stop();
      } catch (RuntimeException e) {
        LOG.warn("cannot stop {}", s.name(), e);
      }
    }
    if (loadBalancer != null) {
      loadBalancer.close();
    }
    databaseServers.values().forEach(DatabaseServer::close);
  }

  private void killAll() {
    services().forEach(ServiceProcess::kill);
    if (loadBalancer != null) {
      loadBalancer.close();
    }
  }

  @Override
  public String toString() {
    return settings.toString();
  }

  // ---------------------------------------------------------------- helpers

  private ServiceProcess service(String module, int port, Map<String, String> env, List<String> jvmOptions) {
    return service(module, module, port, env, jvmOptions);
  }

  /**
   * Each service as on Kubernetes: JSON log lines on the console (ECS), and a temporary directory of its own, so that
   * StructuredLogsIT can tell that it writes no log file.
   */
  private ServiceProcess service(String module, String name, int port, Map<String, String> env,
                                 List<String> jvmOptions) {
    Path jar = repoRoot.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
    Map<String, String> withLogging = new LinkedHashMap<>(env);
    withLogging.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Djava.io.tmpdir=" + temporaryDirectory(name));
    return new ServiceProcess(name, jar, port, withLogging, logDir.resolve(name + ".log"), options,
        settings.profile());
  }

  /** The service's own {@code java.io.tmpdir}. */
  public Path temporaryDirectory(String name) {
    Path dir = logDir.resolve(name + "-tmp");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
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
