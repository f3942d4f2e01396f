package com.tixproof.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Embedded PostgreSQL (zonky) whose data directory survives restarts. */
public final class EmbeddedPostgresServer {
  private EmbeddedPostgresServer() {}

  /** Starts on {@code port}, or on a free port when it is 0. */
  public static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir);
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPort(port == 0 ? freePort() : port)
        .setServerConfig("max_connections", "300")
        .setServerConfig("shared_buffers", "256MB")
        .setServerConfig("synchronous_commit", "on")
        .start();
  }

  public static String url(EmbeddedPostgres pg) {
    return "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/postgres";
  }

  public static void stop(EmbeddedPostgres pg) {
    if (pg == null) {
      return;
    }
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
