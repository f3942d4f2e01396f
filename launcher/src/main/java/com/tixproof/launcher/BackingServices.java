package com.tixproof.launcher;

import com.tixproof.api.db.ScratchDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * {@code java -cp tixproof.jar com.tixproof.launcher.BackingServices ENV_FILE}: PostgreSQL and
 * Redis for services started as separate processes (the compose-less smoke topology, the CodeDeploy
 * hook test). With {@code DATABASE_URL} set it creates a throw-away database on that server, else it
 * starts embedded PostgreSQL on a free port; with {@code REDIS_URL} set it uses that Redis, else
 * embedded Redis on a free port. When ready it writes {@code DATABASE_URL=…} and {@code REDIS_URL=…}
 * lines to ENV_FILE, then runs until stopped (SIGTERM), dropping or stopping what it made.
 */
public final class BackingServices {
  private static final Logger LOG = LoggerFactory.getLogger(BackingServices.class);

  private BackingServices() {}

  public static void main(String[] args) throws IOException, SQLException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: BackingServices ENV_FILE");
      System.exit(2);
    }
    Map<String, String> env = System.getenv();
    Path dataDir = Files.createTempDirectory("tixproof-backing");
    EmbeddedPostgres pg = null;
    ScratchDatabase scratch = null;
    RedisServer redis = null;
    String databaseUrl = env.get("DATABASE_URL");
    if (databaseUrl == null || databaseUrl.isBlank()) {
      pg = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), 0);
      databaseUrl = EmbeddedPostgresServer.url(pg);
    } else {
      scratch = ScratchDatabase.create(databaseUrl, "tixproof_topology_");
      databaseUrl = scratch.url();
    }
    String redisUrl = env.get("REDIS_URL");
    if (redisUrl == null || redisUrl.isBlank()) {
      int port = EmbeddedPostgresServer.freePort();
      redis = EmbeddedRedisServer.start(port);
      redisUrl = "redis://127.0.0.1:" + port;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stopper(pg, scratch, redis, dataDir), "backing-services-stop"));

    Path out = Path.of(args[0]).toAbsolutePath();
    Path tmp = Files.createTempFile(out.getParent(), out.getFileName().toString(), ".tmp");
    Files.writeString(tmp, "DATABASE_URL=" + databaseUrl + "\nREDIS_URL=" + redisUrl + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    LOG.info("backing services ready: PostgreSQL {} ({}), Redis {} ({}); settings in {}",
        databaseUrl.replaceAll(":[^:@/]*@", ":***@"), pg != null ? "embedded" : "scratch database",
        redisUrl.replaceAll(":[^:@/]*@", ":***@"), redis != null ? "embedded" : "given", out);
    new CountDownLatch(1).await();
  }

  private static Runnable stopper(EmbeddedPostgres pg, ScratchDatabase scratch, RedisServer redis, Path dataDir) {
    return () -> {
      if (scratch != null) {
        scratch.close();
      }
      EmbeddedRedisServer.stop(redis);
      EmbeddedPostgresServer.stop(pg);
      try (var files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        LOG.debug("could not remove {}: {}", dataDir, e.toString());
      }
    };
  }
}
