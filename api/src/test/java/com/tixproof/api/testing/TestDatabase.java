package com.tixproof.api.testing;

import com.tixproof.api.db.ScratchDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

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
      ScratchDatabase db = ScratchDatabase.create(server, "tixproof_test_");
      Runtime.getRuntime().addShutdownHook(new Thread(db::close));
      return db.url();
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot prepare a test database", e);
    }
  }
}
