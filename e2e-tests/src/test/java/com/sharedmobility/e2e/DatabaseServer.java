package com.sharedmobility.e2e;

import com.sharedmobility.testsupport.PostgresTestDatabase.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of one service's own (the embedded binaries of the test databases' fallback), so that a test
 * can restart it as an operator restarts a database: a fast shutdown ends every session, connections are refused
 * while it is down, and it comes back on the same port with its data.
 */
final class DatabaseServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseServer.class);
  private static final String DATABASE = "e2e";

  private final String name;
  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres server;

  private DatabaseServer(String name, Path dataDirectory, int port) {
    this.name = name;
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /** A new server with an empty data directory and one empty database. */
  static DatabaseServer create(String name, Path dataDirectory) {
    deleteRecursively(dataDirectory);
    DatabaseServer db = new DatabaseServer(name, dataDirectory, freePort());
    db.start();
    try (Connection c = db.server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the database of " + name, e);
    }
    return db;
  }

  Database database() {
    return new Database("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, "postgres", "");
  }

  /** Starts the server on its port and data directory; returns when it accepts connections. */
  synchronized void start() {
    try {
      server = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .start();
      LOG.info("database server of {} up on port {}", name, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the database server of " + name, e);
    }
  }

  /** A fast shutdown: open transactions are rolled back, every session ends, new connections are refused. */
  synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stop the database server of " + name, e);
      }
      server = null;
      LOG.info("database server of {} stopped", name);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
