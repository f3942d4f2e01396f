package com.tixproof.api.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for this test JVM. With {@code DATABASE_URL} set, it is created on
 * that server (and dropped at exit), so the same tests run against an external PostgreSQL; without
 * it, an embedded PostgreSQL is started on a free port.
 */
public final class TestDatabase {
  private static String url;

  private TestDatabase() {}

  /** {@code postgresql://…} of a database that only this JVM uses. */
  public static synchronized String url() {
    if (url == null) {
      url = create();
    }
    return url;
  }

  private static String create() {
    try {
      String server = System.getenv("DATABASE_URL");
      if (server == null || server.isBlank()) {
        Path dir = Files.createTempDirectory("tixproof-test-pg");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(true)
            .setServerConfig("max_connections", "300")
            .setServerConfig("fsync", "off")
            .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            pg.close();
          } catch (IOException ignored) {
            // the JVM is going away
          }
        }));
        server = "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/postgres";
      }
      var base = com.tixproof.api.db.Database.connectOptions(server);
      String name = "tixproof_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      String adminJdbc = com.tixproof.api.db.Database.jdbcUrl(server);
      var props = com.tixproof.api.db.Database.jdbcProperties(server);
      try (Connection c = DriverManager.getConnection(adminJdbc, props); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (Connection c = DriverManager.getConnection(adminJdbc, props); Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
          // best effort
        }
      }));
      String auth = base.getUser() == null ? "" : base.getUser() + (base.getPassword() == null ? "" : ":" + base.getPassword()) + "@";
      return "postgresql://" + auth + base.getHost() + ":" + base.getPort() + "/" + name;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot prepare a test database", e);
    }
  }
}
