package com.tixproof.launcher;

import com.tixproof.api.ApiMain;
import com.tixproof.api.config.AppConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one process, for a newcomer: with no {@code DATABASE_URL} it starts
 * embedded PostgreSQL with its data under {@code $DATA_DIR/postgres} (kept across restarts), seeds
 * demo events into an empty database, then runs the same API as production.
 */
public final class Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

  private Launcher() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> env = new HashMap<>(System.getenv());
    Path dataDir = Path.of(env.getOrDefault("DATA_DIR", "./.data")).toAbsolutePath().normalize();
    env.put("DATA_DIR", dataDir.toString());
    Files.createDirectories(dataDir);

    EmbeddedPostgres postgres = null;
    if (isBlank(env.get("DATABASE_URL"))) {
      postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), Integer.parseInt(env.getOrDefault("EMBEDDED_PG_PORT", "0")));
      env.put("DATABASE_URL", EmbeddedPostgresServer.url(postgres));
      env.putIfAbsent("SEED_DEMO_EVENTS", "true");
      LOG.info("embedded PostgreSQL on port {}, data in {}", postgres.getPort(), dataDir.resolve("postgres"));
    }

    AppConfig config = AppConfig.fromEnv(env);
    ApiMain.Running running = ApiMain.run(config);
    EmbeddedPostgres pg = postgres;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.stop();
      EmbeddedPostgresServer.stop(pg);
    }, "launcher-shutdown"));
    running.started()
        .onSuccess(api -> LOG.info("Tixproof is up: http://localhost:{}/ (data in {})", config.port(), dataDir))
        .onFailure(err -> {
          LOG.error("start-up failed", err);
          System.exit(1);
        });
  }

  static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
