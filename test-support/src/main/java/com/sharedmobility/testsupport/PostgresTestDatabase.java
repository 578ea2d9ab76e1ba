package com.sharedmobility.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh PostgreSQL database for a test. The server is {@code $PG_URL} when set, else 127.0.0.1:5432
 * when it answers, else an embedded server started once per JVM, so the suite runs on a machine with
 * only a JDK and never skips.
 */
public final class PostgresTestDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresTestDatabase.class);
  private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  /** Test databases are named {@code <prefix>_t<pid of the creating JVM>_<random>}. */
  private static final Pattern TEST_DATABASE = Pattern.compile("[a-z0-9_]+_t(\\d+)_[0-9a-f]{12}");

  private static Server server;

  private PostgresTestDatabase() {
  }

  /** A connection description of a new, empty database whose name starts with {@code prefix}. */
  public record Database(String jdbcUrl, String username, String password) {

    /** The Spring Boot settings that point a service at this database. */
    public Map<String, String> springDatasource() {
      return Map.of("spring.datasource.url", jdbcUrl,
          "spring.datasource.username", username,
          "spring.datasource.password", password);
    }
  }

  public static synchronized Database create(String prefix) {
    Server s = server();
    String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_t" + ProcessHandle.current().pid() + "_"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = s.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return new Database(s.urlOf(name), s.user(), s.password());
  }

  private static Server server() {
    if (server == null) {
      server = findServer();
      dropLeftovers(server);
    }
    return server;
  }

  /**
   * Drops the test databases of earlier runs whose JVM has ended, so a shared server does not fill up. Dropping at
   * exit instead would race with the application contexts that still close their connections then.
   */
  private static void dropLeftovers(Server s) {
    List<String> leftovers = new ArrayList<>();
    try (Connection c = s.connect(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT datname FROM pg_database")) {
      while (rs.next()) {
        Matcher m = TEST_DATABASE.matcher(rs.getString(1));
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
          leftovers.add(rs.getString(1));
        }
      }
      for (String name : leftovers) {
        try {
          st.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException inUse) {
          LOG.debug("test database {} not dropped: {}", name, inUse.getMessage());
        }
      }
    } catch (SQLException e) {
      LOG.debug("leftover test databases not listed: {}", e.getMessage());
    }
  }

  private static Server findServer() {
    String configured = System.getenv("PG_URL");
    if (configured != null && !configured.isBlank()) {
      Server s = Server.parse(configured);
      LOG.info("test databases on $PG_URL ({}:{})", s.host(), s.port());
      return s;
    }
    Server local = Server.parse(LOCAL_SERVER);
    if (local.answers()) {
      LOG.info("test databases on the local PostgreSQL at 127.0.0.1:5432");
      return local;
    }
    LOG.info("no PostgreSQL answers at 127.0.0.1:5432: starting an embedded one");
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException e) {
          LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
      }));
      return new Server("localhost", pg.getPort(), "postgres", "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  private record Server(String host, int port, String adminDatabase, String user, String password) {

    /** Accepts {@code jdbc:postgresql://host:port/db?user=u&password=p} and {@code postgresql://u:p@host:port/db}. */
    static Server parse(String url) {
      URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
      String user = "postgres";
      String password = "";
      if (uri.getUserInfo() != null) {
        String[] parts = uri.getUserInfo().split(":", 2);
        user = parts[0];
        password = parts.length > 1 ? parts[1] : "";
      }
      if (uri.getQuery() != null) {
        for (String pair : uri.getQuery().split("&")) {
          String[] kv = pair.split("=", 2);
          if (kv[0].equals("user")) {
            user = kv[1];
          } else if (kv[0].equals("password")) {
            password = kv[1];
          }
        }
      }
      String db = uri.getPath() == null || uri.getPath().length() < 2 ? "postgres" : uri.getPath().substring(1);
      return new Server(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, db, user, password);
    }

    String urlOf(String database) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection connect() throws SQLException {
      Properties props = new Properties();
      props.setProperty("user", user);
      props.setProperty("password", password);
      props.setProperty("connectTimeout", "3");
      return DriverManager.getConnection(urlOf(adminDatabase), props);
    }

    boolean answers() {
      try (Connection ignored = connect()) {
        return true;
      } catch (SQLException e) {
        return false;
      }
    }
  }
}
