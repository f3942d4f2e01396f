package com.tixproof.bench;

import com.tixproof.launcher.OneProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Purchase → PAID through the real pool (API, master, Redis, workers; embedded PostgreSQL and
 * Redis), with 1 and then 2 workers of one thread. Two phases per pool size: sequential purchases
 * for latency (received as the PAID server-sent event), split into hashing time (the workers'
 * measured busy time on the job) and the overhead beyond it, stage by stage (see {@link Stages});
 * then {@code CLIENTS} concurrent buyers for throughput.
 *
 * <p>Run: {@code java --add-opens java.base/sun.security.provider=ALL-UNNAMED -cp bench/target/bench.jar com.tixproof.bench.ProofLatencyBench [purchases] [seconds] [clients]}
 */
public final class ProofLatencyBench {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private ProofLatencyBench() {}

  public static void main(String[] args) throws Exception {
    int purchases = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    System.out.printf("purchase → PAID, K=3 challenges, S=500000, %d sequential purchases, then %d clients for %d s%n", purchases, clients, seconds);
    for (int workers : new int[] {1, 2}) {
      run(workers, purchases, seconds, clients);
    }
    System.exit(0);
  }

  static void run(int workers, int purchases, int seconds, int clients) throws Exception {
    var dataDir = Files.createTempDirectory("tixproof-proof-bench");
    int apiPort = freePort();
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "DATA_DIR", dataDir.toString(), "PORT", Integer.toString(apiPort), "HOST", "127.0.0.1",
        "MASTER_PORT", Integer.toString(freePort()), "IN_PROCESS_WORKERS", Integer.toString(workers),
        "ADMIN_EMAIL", "bench@tixproof.bench", "ADMIN_PASSWORD", "bench-password"));
    env.putAll(Map.of("SEED_DEMO_EVENTS", "false", "ARGON2_MEMORY_KIB", "1024", "ARGON2_ITERATIONS", "1",
        "TASK_SIZE", System.getenv().getOrDefault("TASK_SIZE", "250000")));
    try (OneProcess system = OneProcess.start(env)) {
      String base = "http://127.0.0.1:" + apiPort;
      String admin = post(base + "/api/auth/login", null, null, new JsonObject().put("email", "bench@tixproof.bench").put("password", "bench-password")).getString("token");
      String eventId = post(base + "/api/events", admin, null, new JsonObject().put("name", "bench").put("venue", "loopback")
          .put("startsAt", Instant.now().plus(Duration.ofDays(7)).toString()).put("price", 1).put("capacity", 1_000_000)).getString("id");
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String token = post(base + "/api/auth/register", null, null, new JsonObject().put("email", "b" + i + "-" + UUID.randomUUID() + "@x.test")
            .put("name", "b").put("password", "password-123")).getString("token");
        post(base + "/api/wallet/top-ups", token, UUID.randomUUID().toString(), new JsonObject().put("amount", 10_000_000));
        tokens.add(token);
      }
      Thread.sleep(2_000); // first heartbeats with measured speed
      double speedPerThread = workerSpeed(system.masterPort());

      Stages stages = new Stages();
      for (int i = 0; i < purchases + 3; i++) {
        long startWall = System.currentTimeMillis();
        long start = System.nanoTime();
        JsonObject p = post(base + "/api/purchases", tokens.get(0), UUID.randomUUID().toString(), new JsonObject().put("eventId", eventId).put("quantity", 1));
        long answeredWall = System.currentTimeMillis();
        awaitPaid(base, tokens.get(0), p.getString("id"));
        long micros = (System.nanoTime() - start) / 1_000;
        long paidWall = System.currentTimeMillis();
        Row job = system.api().pool().preparedQuery(STAGES).execute(Tuple.of(UUID.fromString(p.getString("depositToken"))))
            .await().iterator().next();
        if (i >= 3) { // the first three warm the JIT and the pools
          stages.record(micros, startWall, answeredWall, paidWall, job, speedPerThread * workers);
        }
      }
      System.out.printf("%n%d worker(s) × 1 thread, %,.0f candidates/s per thread%n", workers, speedPerThread);
      stages.print();

      AtomicInteger paid = new AtomicInteger();
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      List<Thread> threads = new ArrayList<>();
      List<Long> done = Collections.synchronizedList(new ArrayList<>());
      for (String token : tokens) {
        Thread t = new Thread(() -> {
          try {
            while (System.nanoTime() < end) {
              JsonObject p = post(base + "/api/purchases", token, UUID.randomUUID().toString(), new JsonObject().put("eventId", eventId).put("quantity", 1));
              awaitPaid(base, token, p.getString("id"));
              paid.incrementAndGet();
              done.add(System.nanoTime());
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        threads.add(t);
        t.start();
      }
      long phaseStart = System.nanoTime();
      for (Thread t : threads) {
        t.join();
      }
      double elapsed = (System.nanoTime() - phaseStart) / 1e9;
      System.out.printf("  %d concurrent buyers: %d purchases PAID in %.1f s = %.1f proven purchases/s (hashing bound ≈ %.1f/s)%n",
          clients, paid.get(), elapsed, paid.get() / elapsed, speedPerThread * workers / (3 * 500_000 / 2.0));
    }
  }

  /** One job's timestamps (database clock, same machine as the client) and the workers' busy time. */
  static final String STAGES = "SELECT extract(epoch FROM j.created_at)::float8 * 1000 AS job_ms,"
      + " (SELECT extract(epoch FROM min(t.enqueued_at))::float8 * 1000 FROM master.tasks t WHERE t.job_id = j.id) AS enqueued_ms,"
      + " (SELECT extract(epoch FROM max(c.solved_at))::float8 * 1000 FROM master.challenges c WHERE c.job_id = j.id) AS solved_ms,"
      + " (SELECT coalesce(max(b), 0) FROM (SELECT sum(t.busy_nanos) AS b FROM master.tasks t WHERE t.job_id = j.id GROUP BY t.worker) w) AS busy_nanos,"
      + " (SELECT coalesce(sum(t.tried), 0) FROM master.tasks t WHERE t.job_id = j.id) AS tried"
      + " FROM master.jobs j WHERE j.id = $1";

  /**
   * Where a purchase's time goes, stage by stage: the purchase request; the outbox relay until the
   * master has the job (its transaction's start; can precede the 202 reaching the client); the master's task enqueue; hashing (the busiest worker thread's busy time on the job's
   * tasks, as the workers measured it); waiting between tasks and for results; and from the last
   * solution recorded to PAID at the client (callback, API transaction, NOTIFY, server-sent event).
   */
  static final class Stages {
    final Histogram total = histogram();
    final Histogram request = histogram();
    final Histogram toMaster = histogram();
    final Histogram enqueue = histogram();
    final Histogram hashing = histogram();
    final Histogram estimated = histogram();
    final Histogram queue = histogram();
    final Histogram toClient = histogram();
    final Histogram overhead = histogram();

    void record(long totalMicros, long startWall, long answeredWall, long paidWall, Row job, double poolSpeed) {
      double jobMs = job.getDouble("job_ms");
      double enqueuedMs = job.getDouble("enqueued_ms");
      double solvedMs = job.getDouble("solved_ms");
      long busyMicros = job.getLong("busy_nanos") / 1_000;
      total.recordValue(totalMicros);
      request.recordValue(micros(answeredWall - startWall));
      toMaster.recordValue(micros(jobMs - answeredWall));
      enqueue.recordValue(micros(enqueuedMs - jobMs));
      hashing.recordValue(busyMicros);
      estimated.recordValue((long) (job.getLong("tried") / poolSpeed * 1e6));
      queue.recordValue(Math.max(0, micros(solvedMs - enqueuedMs) - busyMicros));
      toClient.recordValue(micros(paidWall - solvedMs));
      overhead.recordValue(Math.max(0, totalMicros - busyMicros));
    }

    void print() {
      ProofLatencyBench.print("purchase → PAID", total);
      ProofLatencyBench.print("  hashing (busiest worker thread's busy time)", hashing);
      ProofLatencyBench.print("    (tried ÷ pool speed, for comparison)", estimated);
      ProofLatencyBench.print("  overhead beyond hashing", overhead);
      ProofLatencyBench.print("    POST /api/purchases answered (202)", request);
      ProofLatencyBench.print("    answered → job accepted by the master", toMaster);
      ProofLatencyBench.print("    job → first task on the stream", enqueue);
      ProofLatencyBench.print("    between tasks and results (not hashing)", queue);
      ProofLatencyBench.print("    last solution recorded → PAID at client", toClient);
    }

    private static long micros(double millis) {
      return Math.max(0, Math.round(millis * 1000));
    }

    private static Histogram histogram() {
      return new Histogram(3_600_000_000L, 3);
    }
  }

  /** Mean measured speed of one worker thread, from the heartbeats the master lists. */
  static double workerSpeed(int masterPort) throws Exception {
    JsonArray ws = get("http://127.0.0.1:" + masterPort + "/workers").getJsonArray("workers");
    return ws.stream().mapToDouble(o -> ((JsonObject) o).getDouble("speedPerThread")).average().orElse(1);
  }

  static void print(String what, Histogram h) {
    System.out.printf("  %-46s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (n=%d)%n", what,
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
  }

  /** Follows the purchase's event stream until it says PAID. */
  static void awaitPaid(String base, String token, String id) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/purchases/" + id + "/events?access_token=" + token))
        .timeout(Duration.ofSeconds(60)).build();
    HttpResponse<Stream<String>> res = HTTP.send(req, HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = res.body()) {
      if (lines.noneMatch(l -> l.startsWith("data: ") && l.contains("\"status\":\"PAID\""))) {
        throw new IllegalStateException("stream ended without PAID for " + id);
      }
    }
  }

  static JsonObject post(String url, String token, String key, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    HttpResponse<String> res = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() / 100 != 2) {
      throw new IllegalStateException(url + " answered " + res.statusCode() + " " + res.body());
    }
    return new JsonObject(res.body());
  }

  static JsonObject get(String url) throws Exception {
    return new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
