package com.tixproof.system;

import com.tixproof.api.testing.TestApi;
import com.tixproof.api.testing.TestDatabase;
import com.tixproof.launcher.EmbeddedRedisServer;
import com.tixproof.workers.master.MasterConfig;
import com.tixproof.workers.master.MasterMain;
import com.tixproof.workers.worker.Worker;
import com.tixproof.workers.worker.WorkerConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * The real parts on loopback, each startable and stoppable on its own: embedded Redis on a fixed
 * port, the API (one or more processes' worth, over the test database), the job master on its own
 * Vert.x, in-process workers, and worker processes that a test may {@code kill -9}.
 */
final class TestSystem implements AutoCloseable {
  final int redisPort = freePort();
  final int masterPort = freePort();
  final Map<String, String> env;
  private RedisServer redis;
  final List<TestApi> apis = new ArrayList<>();
  private Vertx masterVertx;
  final List<Worker> workers = new ArrayList<>();
  final List<Process> processes = new ArrayList<>();
  private final Vertx clientVertx = Vertx.vertx();
  final WebClient http = WebClient.create(clientVertx);

  TestSystem(Map<String, String> overrides) {
    env = new HashMap<>();
    env.put("REDIS_URL", "redis://127.0.0.1:" + redisPort);
    env.put("MASTER_URL", "http://127.0.0.1:" + masterPort);
    env.put("OUTBOX_POLL_INTERVAL", "200ms");
    env.put("CHALLENGE_SECRET_MAX", "200000");
    env.put("TASK_SIZE", "20000");
    env.put("TASK_RECLAIM_IDLE_MS", "1500");
    env.put("HEARTBEAT_INTERVAL_MS", "300");
    env.put("HEARTBEAT_TTL_MS", "1500");
    env.put("WORKER_STATUS_STALE_AFTER", "2s");
    env.putAll(overrides);
  }

  /** Redis, one API, the master and two workers ({@code <prefix>-1}, {@code <prefix>-2}): the usual pool. */
  static TestSystem pool(Map<String, String> overrides, String workerPrefix) {
    TestSystem system = new TestSystem(overrides).startRedis();
    system.startApi();
    system.startMaster();
    system.startWorker(workerPrefix + "-1");
    system.startWorker(workerPrefix + "-2");
    return system;
  }

  /** The first API started: where the master sends its callbacks. */
  TestApi api() {
    return apis.get(0);
  }

  TestSystem startRedis() {
    try {
      redis = EmbeddedRedisServer.start(redisPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A plain connection to the test's Redis. */
  Jedis redis() {
    return new Jedis("127.0.0.1", redisPort);
  }

  void stopRedis() {
    EmbeddedRedisServer.stop(redis);
    redis = null;
  }

  /** An API process; the first one started is where the master sends its callbacks. */
  TestApi startApi() {
    TestApi api = TestApi.start(env);
    apis.add(api);
    return api;
  }

  TestSystem startMaster() {
    Map<String, String> m = new HashMap<>(env);
    m.put("DATABASE_URL", TestDatabase.url());
    m.put("MASTER_HOST", "127.0.0.1");
    m.put("MASTER_PORT", Integer.toString(masterPort));
    m.put("CALLBACK_SECRET", TestApi.CALLBACK_SECRET);
    m.putIfAbsent("API_URL", "http://127.0.0.1:" + api().port);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    masterVertx = MasterMain.newVertx(registry);
    MasterMain.deploy(masterVertx, MasterConfig.fromEnv(m), registry).await();
    return this;
  }

  void stopMaster() {
    var closed = masterVertx.close();
    com.tixproof.protocol.Waits.until(closed::isComplete, 15_000);
    masterVertx = null;
  }

  Worker startWorker(String id) {
    Map<String, String> w = new HashMap<>(env);
    w.put("THREADS", "1");
    w.put("WORKER_ID", id);
    Worker worker = new Worker(WorkerConfig.fromEnv(w)).start();
    workers.add(worker);
    return worker;
  }

  /** A worker in its own JVM, as {@code java -jar worker.jar} would run. */
  Process startWorkerProcess(String id) {
    try {
      Path log = Files.createTempFile("worker-" + id, ".log");
      ProcessBuilder pb = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--add-opens", "java.base/sun.security.provider=ALL-UNNAMED",
          "-cp", System.getProperty("java.class.path"),
          "com.tixproof.workers.worker.WorkerMain")
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      pb.environment().put("THREADS", "1");
      pb.environment().put("WORKER_ID", id);
      Process p = pb.start();
      processes.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonObject masterGet(String path) {
    return http.getAbs("http://127.0.0.1:" + masterPort + path).send().await().bodyAsJsonObject();
  }

  String masterMetrics() {
    return http.getAbs("http://127.0.0.1:" + masterPort + "/metrics").send().await().bodyAsString();
  }

  /** Empties the API's tables, the master's and Redis. */
  void reset() {
    apis.get(0).reset();
    apis.get(0).api.pool().query("TRUNCATE master.tasks, master.challenges, master.jobs").execute().await();
    if (redis != null) {
      try (Jedis jedis = new Jedis("127.0.0.1", redisPort)) {
        jedis.flushAll();
      }
    }
  }

  long count(String sql) {
    return apis.get(0).api.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
    workers.forEach(Worker::close);
    if (masterVertx != null) {
      stopMaster();
    }
    for (int i = apis.size() - 1; i >= 0; i--) {
      apis.get(i).close();
    }
    if (redis != null) {
      stopRedis();
    }
    var closed = clientVertx.close();
    com.tixproof.protocol.Waits.until(closed::isComplete, 15_000);
  }

  static int freePort() {
    return TestApi.freePort();
  }
}
