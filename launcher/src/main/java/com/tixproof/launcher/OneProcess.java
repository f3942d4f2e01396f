package com.tixproof.launcher;

import com.tixproof.api.Api;
import com.tixproof.api.ApiMain;
import com.tixproof.api.config.AppConfig;
import com.tixproof.workers.master.MasterConfig;
import com.tixproof.workers.master.MasterMain;
import com.tixproof.workers.worker.Worker;
import com.tixproof.workers.worker.WorkerConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The whole system in one JVM, wired exactly as in production: the API and the master talk HTTP
 * on loopback, the workers go through Redis. Embedded PostgreSQL when there is no
 * {@code DATABASE_URL}, embedded Redis when there is no {@code REDIS_URL}, {@code IN_PROCESS_WORKERS}
 * (default 2) workers of one thread each. Separate worker processes can join the same Redis.
 */
public final class OneProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OneProcess.class);

  private EmbeddedPostgres postgres;
  private RedisServer redis;
  private ApiMain.Running api;
  private Vertx masterVertx;
  private final List<Worker> workers = new ArrayList<>();
  private Map<String, String> env;
  private AppConfig apiConfig;
  private int masterPort;

  public static OneProcess start(Map<String, String> given) throws IOException {
    OneProcess p = new OneProcess();
    try {
      p.boot(given);
    } catch (IOException | RuntimeException e) {
      p.close();
      throw e;
    }
    return p;
  }

  private void boot(Map<String, String> given) throws IOException {
    env = new HashMap<>(given);
    Path dataDir = Path.of(env.getOrDefault("DATA_DIR", "./.data")).toAbsolutePath().normalize();
    env.put("DATA_DIR", dataDir.toString());
    Files.createDirectories(dataDir);

    if (blank(env.get("DATABASE_URL"))) {
      postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), Integer.parseInt(env.getOrDefault("EMBEDDED_PG_PORT", "0")));
      env.put("DATABASE_URL", EmbeddedPostgresServer.url(postgres));
      env.putIfAbsent("SEED_DEMO_EVENTS", "true");
      LOG.info("embedded PostgreSQL on port {}, data in {}", postgres.getPort(), dataDir.resolve("postgres"));
    }
    if (blank(env.get("REDIS_URL"))) {
      int port = Integer.parseInt(env.getOrDefault("EMBEDDED_REDIS_PORT", "0"));
      port = port == 0 ? EmbeddedPostgresServer.freePort() : port;
      redis = EmbeddedRedisServer.start(port);
      env.put("REDIS_URL", "redis://127.0.0.1:" + port);
      LOG.info("embedded Redis on port {}", port);
    }
    masterPort = Integer.parseInt(env.getOrDefault("MASTER_PORT", "8081"));
    env.putIfAbsent("MASTER_URL", "http://127.0.0.1:" + masterPort);

    apiConfig = AppConfig.fromEnv(env);
    api = ApiMain.run(apiConfig, ticketFunction(apiConfig));
    api.started().await();

    Map<String, String> masterEnv = new HashMap<>(env);
    masterEnv.put("CALLBACK_SECRET", apiConfig.callbackSecret());
    masterEnv.putIfAbsent("MASTER_HOST", "127.0.0.1");
    masterEnv.putIfAbsent("API_URL", "http://127.0.0.1:" + apiConfig.port());
    PrometheusMeterRegistry masterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    masterVertx = MasterMain.newVertx(masterRegistry);
    MasterMain.deploy(masterVertx, MasterConfig.fromEnv(masterEnv), masterRegistry).await();

    int count = Integer.parseInt(env.getOrDefault("IN_PROCESS_WORKERS", "2"));
    for (int i = 1; i <= count; i++) {
      Map<String, String> workerEnv = new HashMap<>(env);
      workerEnv.putIfAbsent("THREADS", "1");
      workerEnv.put("WORKER_ID", env.getOrDefault("WORKER_ID_PREFIX", "in-process") + "-" + i + "-" + ProcessHandle.current().pid());
      workers.add(new Worker(WorkerConfig.fromEnv(workerEnv)).start());
    }
  }

  /**
   * Tickets are rendered in this process into {@code $DATA_DIR/tickets}, linked under
   * {@code $PUBLIC_BASE_URL/files} (which the API serves), unless {@code TICKET_DELIVERY} names
   * another way ({@code lambda}, {@code off}).
   */
  private com.tixproof.api.ticket.TicketFunction ticketFunction(AppConfig config) {
    if (!blank(env.get("TICKET_DELIVERY"))) {
      return null;
    }
    Map<String, String> functionEnv = new HashMap<>(env);
    functionEnv.putIfAbsent("TICKET_STORE", "file");
    functionEnv.putIfAbsent("TICKET_DIR", config.tickets().filesDir().toString());
    functionEnv.putIfAbsent("TICKET_PUBLIC_BASE_URL", config.publicBaseUrl() + "/files");
    LOG.info("tickets rendered in-process into {}, linked under {}", functionEnv.get("TICKET_DIR"), functionEnv.get("TICKET_PUBLIC_BASE_URL"));
    return new InProcessTicketFunction(com.tixproof.pdf.TicketFunction.fromEnv(functionEnv));
  }

  public Api api() {
    return api.started().result();
  }

  public AppConfig apiConfig() {
    return apiConfig;
  }

  /** Every setting as resolved (with the embedded servers' URLs). */
  public Map<String, String> env() {
    return env;
  }

  public int masterPort() {
    return masterPort;
  }

  public List<Worker> workers() {
    return workers;
  }

  @Override
  public void close() {
    workers.forEach(Worker::close);
    if (masterVertx != null) {
      io.vertx.core.Future<Void> closed = masterVertx.close();
      com.tixproof.protocol.Waits.until(closed::isComplete, 15_000);
    }
    if (api != null) {
      api.stop();
    }
    EmbeddedRedisServer.stop(redis);
    EmbeddedPostgresServer.stop(postgres);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
