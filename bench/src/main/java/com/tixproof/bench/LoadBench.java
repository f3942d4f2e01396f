package com.tixproof.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Issue 2's load generator. Starts the system in-process (embedded PostgreSQL and the API on a
 * loopback port) unless {@code BASE_URL} names a running one, sets up one user per client and a
 * few large events, then drives two closed-loop phases over HTTP — top-ups, then purchases — and
 * measures the ceiling ({@code pgbench -b simple-update}, same client count, same PostgreSQL
 * server) in the same run. Prints throughput, latency percentiles and the ratio to the ceiling.
 *
 * <p>Run: {@code java -jar bench/target/bench.jar CLIENTS=32 SECONDS=20}; options are environment
 * variables or {@code NAME=value} arguments, API settings ({@code DB_POOL_SIZE}, {@code
 * HTTP_INSTANCES}, {@code LOG_LEVEL}) included (see docs/PERFORMANCE.md).
 */
public final class LoadBench {
  /** What every wallet starts with: the top-up maximum, enough for 100,000 purchases. */
  static final long STARTING_BALANCE = 10_000_000L;
  static final long TOP_UP_AMOUNT = 100L;
  static final long TICKET_PRICE = 100L;
  /** The API's maximum; with one event per few clients no run gets near it. */
  static final int EVENT_CAPACITY = 1_000_000;
  static final long REQUEST_TIMEOUT_MS = 30_000;
  static final double TARGET_RATIO = 0.5;
  static final double TARGET_P99_MS = 50.0;

  private final BenchSettings settings;
  private final int events;

  private LoadBench(BenchSettings settings) {
    this.settings = settings;
    this.events = settings.events();
  }

  public static void main(String[] args) {
    BenchSettings settings;
    try {
      settings = BenchSettings.parse(args, System.getenv());
    } catch (IllegalArgumentException bad) {
      System.err.println("bench: " + bad.getMessage());
      System.exit(2);
      return;
    }
    // logback.xml reads LOG_LEVEL from system properties before the environment: an argument wins
    System.setProperty("LOG_LEVEL", settings.logLevel());
    startWatchdog(settings.deadlineSeconds());
    int code;
    try {
      code = new LoadBench(settings).run();
    } catch (Exception e) {
      System.err.println("bench failed: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  private int run() throws Exception {
    out("== Tixproof load bench (issue 2) ==");
    out("started    %s", Instant.now().truncatedTo(ChronoUnit.SECONDS));
    out("machine    %d cores (%s), load average at start: %s", Runtime.getRuntime().availableProcessors(), cpuModel(), loadAverage());
    out("settings   clients=%d seconds=%d warmup=%d events=%d (one per %d clients, capacity %,d, price %d) top-up=%d",
        settings.clients(), settings.seconds(), settings.warmupSeconds(), events, settings.clientsPerEvent(), EVENT_CAPACITY,
        TICKET_PRICE, TOP_UP_AMOUNT);

    LocalSystem system = null;
    try {
      URI target;
      String databaseUrl;
      String adminEmail;
      String adminPassword;
      if (settings.baseUrl().isPresent()) {
        target = settings.baseUrl().get();
        databaseUrl = settings.databaseUrl().orElse(null);
        adminEmail = settings.adminEmail().orElseThrow(() -> new IllegalArgumentException("with BASE_URL, give ADMIN_EMAIL and ADMIN_PASSWORD"));
        adminPassword = settings.adminPassword().orElseThrow(() -> new IllegalArgumentException("with BASE_URL, give ADMIN_EMAIL and ADMIN_PASSWORD"));
        out("system     external API at %s; PostgreSQL %s", target, databaseUrl == null ? "unknown (no ceiling)" : "from DATABASE_URL");
      } else {
        long t0 = System.nanoTime();
        system = LocalSystem.start(settings);
        LocalSystem started = system;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "bench-shutdown"));
        target = system.baseUrl();
        databaseUrl = system.databaseUrl();
        adminEmail = LocalSystem.ADMIN_EMAIL;
        adminPassword = system.config().adminPassword().orElseThrow();
        out("system     in-process API at %s (HTTP_INSTANCES=%d, DB_POOL_SIZE=%d, Argon2 m=%d KiB), %s PostgreSQL, started in %.1f s",
            target, system.config().httpInstances(), system.config().dbPoolSize(), system.config().argon2().memoryKib(),
            system.embeddedPostgres() ? "embedded (fresh temp dir)" : "DATABASE_URL", seconds(System.nanoTime() - t0));
        out("           API log (level %s) -> %s", settings.logLevel(), system.apiLog());
      }

      if (databaseUrl != null) {
        out("postgres   %s", PgBenchCeiling.describeServer(databaseUrl));
      }

      ClosedLoop.Result topUps;
      ClosedLoop.Result purchases;
      boolean consistent;
      int clientLoops = Math.min(settings.clients(), Runtime.getRuntime().availableProcessors());
      Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(clientLoops)).build();
      try {
        List<Context> loops = ClosedLoop.eventLoops(vertx, clientLoops);
        WebClient web = WebClient.create(vertx,
            new WebClientOptions().setDefaultHost(target.getHost()).setDefaultPort(target.getPort() == -1 ? 80 : target.getPort()).setKeepAlive(true)
                .setUserAgent("tixproof-bench"),
            new PoolOptions().setHttp1MaxSize(settings.clients() + 4));

        long t0 = System.nanoTime();
        List<String> tokens = registerUsers(web);
        List<String> eventIds = createEvents(web, adminEmail, adminPassword);
        out("client     Vert.x WebClient, %d event loops, keep-alive pool of %d connections, closed loop", clientLoops, settings.clients() + 4);
        out("set-up     %d users registered and topped up with %,d each, %d events created, in %.1f s (not timed)",
            tokens.size(), STARTING_BALANCE, eventIds.size(), seconds(System.nanoTime() - t0));

        Duration warmup = Duration.ofSeconds(settings.warmupSeconds());
        Duration window = Duration.ofSeconds(settings.seconds());
        out("phase      top-ups: POST /api/wallet/top-ups, fresh Idempotency-Key each, %d s warm-up + %d s measured", settings.warmupSeconds(), settings.seconds());
        topUps = ClosedLoop.run(loops, "top-ups", settings.clients(), warmup, window,
            i -> post(web, "/api/wallet/top-ups", tokens.get(i), new JsonObject().put("amount", TOP_UP_AMOUNT))).await();
        printPhase(topUps);

        out("phase      purchases: POST /api/purchases quantity 1, fresh Idempotency-Key each, %d s warm-up + %d s measured", settings.warmupSeconds(), settings.seconds());
        purchases = ClosedLoop.run(loops, "purchases", settings.clients(), warmup, window,
            i -> post(web, "/api/purchases", tokens.get(i), new JsonObject().put("eventId", eventIds.get(i % events)).put("quantity", 1))).await();
        printPhase(purchases);

        consistent = checkConsistency(web, tokens, eventIds, topUps, purchases);
      } finally {
        LocalSystem.awaitBounded(vertx.close(), "client stop");
      }

      PgBenchCeiling.Result ceiling = null;
      if (system != null) {
        system.stopApi(); // the ceiling gets the machine to itself, like the API had it
        out("api        stopped; API log had %,d lines", lineCount(system.apiLog()));
      }
      if (!settings.ceiling()) {
        out("ceiling    skipped (CEILING=false)");
      } else if (databaseUrl == null) {
        out("ceiling    skipped: no DATABASE_URL for the external API's PostgreSQL");
      } else {
        PgBenchCeiling pgbench = new PgBenchCeiling(settings, databaseUrl);
        out("ceiling    pgbench -i -s %d, then pgbench -b simple-update -c %d -j %d -T %d -n (database %s on the same server)",
            settings.pgbenchScale(), settings.clients(), settings.pgbenchThreads(), settings.seconds(), PgBenchCeiling.DATABASE);
        ceiling = pgbench.measure();
        out("ceiling    %s", ceiling.command());
        out("ceiling    tps = %.1f, latency average = %.2f ms", ceiling.tps(), ceiling.latencyAverageMs());
      }

      out("machine    load average at end: %s", loadAverage());
      return report(topUps, purchases, ceiling, consistent, system);
    } finally {
      if (system != null) {
        system.close();
      }
    }
  }

  /** One user per client, each topped up once with {@link #STARTING_BALANCE}; Argon2 makes this a few at a time. */
  private List<String> registerUsers(WebClient web) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> tokens = new ArrayList<>(settings.clients());
    int batch = Math.max(1, Runtime.getRuntime().availableProcessors());
    for (int from = 0; from < settings.clients(); from += batch) {
      List<Future<String>> group = new ArrayList<>();
      for (int i = from; i < Math.min(settings.clients(), from + batch); i++) {
        String email = "bench-" + run + "-" + i + "@tixproof.bench";
        group.add(web.post("/api/auth/register").timeout(REQUEST_TIMEOUT_MS)
            .sendJsonObject(new JsonObject().put("email", email).put("name", "Bench client " + i).put("password", "bench-password-" + run))
            .map(res -> expect(res, 201, "register").bodyAsJsonObject().getString("token"))
            .compose(token -> post(web, "/api/wallet/top-ups", token, new JsonObject().put("amount", STARTING_BALANCE))
                .map(res -> {
                  expect(res, 201, "initial top-up");
                  return token;
                })));
      }
      Future.all(group).await();
      group.forEach(f -> tokens.add(f.result()));
    }
    return tokens;
  }

  private List<String> createEvents(WebClient web, String adminEmail, String adminPassword) {
    String admin = web.post("/api/auth/login").timeout(REQUEST_TIMEOUT_MS)
        .sendJsonObject(new JsonObject().put("email", adminEmail).put("password", adminPassword))
        .map(res -> expect(res, 200, "admin login").bodyAsJsonObject().getString("token"))
        .await();
    List<String> ids = new ArrayList<>(events);
    for (int e = 0; e < events; e++) {
      JsonObject event = new JsonObject()
          .put("name", "Bench event " + (e + 1))
          .put("venue", "Loopback Arena")
          .put("startsAt", Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString())
          .put("price", TICKET_PRICE)
          .put("capacity", EVENT_CAPACITY);
      ids.add(web.post("/api/events").timeout(REQUEST_TIMEOUT_MS).bearerTokenAuthentication(admin).sendJsonObject(event)
          .map(res -> expect(res, 201, "create event").bodyAsJsonObject().getString("id"))
          .await());
    }
    return ids;
  }

  /** An idempotent POST as the API wants it: bearer token, a fresh Idempotency-Key, a JSON body. */
  private static Future<HttpResponse<Buffer>> post(WebClient web, String path, String token, JsonObject body) {
    HttpRequest<Buffer> req = web.post(path)
        .timeout(REQUEST_TIMEOUT_MS)
        .putHeader("Authorization", "Bearer " + token)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .putHeader("Content-Type", "application/json");
    return req.sendBuffer(body.toBuffer());
  }

  /**
   * After the load, the books must balance: every seat sold is a 202 the bench saw, and every
   * wallet holds its starting balance plus its 201 top-ups minus its 202 purchases.
   */
  private boolean checkConsistency(WebClient web, List<String> tokens, List<String> eventIds,
      ClosedLoop.Result topUps, ClosedLoop.Result purchases) {
    long[] expectedSold = new long[eventIds.size()];
    for (int i = 0; i < tokens.size(); i++) {
      expectedSold[i % events] += purchases.perClientOk()[i];
    }
    long soldMismatches = 0;
    long sold = 0;
    for (int e = 0; e < eventIds.size(); e++) {
      JsonObject event = web.get("/api/events/" + eventIds.get(e)).timeout(REQUEST_TIMEOUT_MS).send()
          .map(res -> expect(res, 200, "get event").bodyAsJsonObject()).await();
      long eventSold = event.getLong("capacity") - event.getLong("seatsLeft");
      sold += eventSold;
      if (eventSold != expectedSold[e]) {
        soldMismatches++;
      }
    }
    long walletMismatches = 0;
    for (int i = 0; i < tokens.size(); i++) {
      long expected = STARTING_BALANCE + TOP_UP_AMOUNT * topUps.perClientOk()[i] - TICKET_PRICE * purchases.perClientOk()[i];
      long balance = web.get("/api/wallet").timeout(REQUEST_TIMEOUT_MS).bearerTokenAuthentication(tokens.get(i)).send()
          .map(res -> expect(res, 200, "get wallet").bodyAsJsonObject().getLong("balance")).await();
      if (balance != expected) {
        walletMismatches++;
      }
    }
    boolean ok = soldMismatches == 0 && walletMismatches == 0;
    out("check      seats sold %,d vs purchases answered 202: %,d (events off: %d); wallets off their expected balance: %d of %d -> %s",
        sold, purchases.totalOk(), soldMismatches, walletMismatches, tokens.size(), ok ? "consistent" : "INCONSISTENT");
    return ok;
  }

  private int report(ClosedLoop.Result topUps, ClosedLoop.Result purchases, PgBenchCeiling.Result ceiling, boolean consistent,
      LocalSystem system) {
    out("");
    out("== results: %d clients, %d s measured per phase after %d s warm-up, %d events ==", settings.clients(), settings.seconds(),
        settings.warmupSeconds(), events);
    out("%-10s %10s %8s %8s %8s %8s %8s %8s %8s", "", "req/s", "mean ms", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "non-2xx", "failed");
    for (ClosedLoop.Result r : List.of(topUps, purchases)) {
      out("%-10s %10.1f %8.2f %8.2f %8.2f %8.2f %8.2f %8d %8d", r.name(), r.throughput(), r.meanMs(), r.percentileMs(50),
          r.percentileMs(99), r.percentileMs(99.9), r.maxMs(), r.non2xx(), r.failures());
    }
    boolean errorFree = topUps.non2xx() + topUps.failures() + purchases.non2xx() + purchases.failures() == 0;
    boolean p99Met = purchases.percentileMs(99) < TARGET_P99_MS;
    if (ceiling != null) {
      double purchaseRatio = purchases.throughput() / ceiling.tps();
      double topUpRatio = topUps.throughput() / ceiling.tps();
      out("%-10s %10.1f %8.2f   (pgbench -b simple-update, its own latency average)", "pgbench", ceiling.tps(), ceiling.latencyAverageMs());
      out("");
      out("purchases/s ÷ pgbench TPS = %.2f   (target ≥ %.1f: %s)", purchaseRatio, TARGET_RATIO, purchaseRatio >= TARGET_RATIO ? "met" : "NOT met");
      out("top-ups/s   ÷ pgbench TPS = %.2f", topUpRatio);
    } else {
      out("");
      out("purchases/s ÷ pgbench TPS = n/a (no ceiling measured)");
    }
    out("purchase p99 = %.2f ms   (target < %.0f ms: %s)", purchases.percentileMs(99), TARGET_P99_MS, p99Met ? "met" : "NOT met");
    out("non-2xx answers: top-ups %d, purchases %d; requests without an answer: %d, %d -> %s",
        topUps.non2xx(), purchases.non2xx(), topUps.failures(), purchases.failures(), errorFree ? "none, as required" : "SOME (see below)");
    for (ClosedLoop.Result r : List.of(topUps, purchases)) {
      if (!r.statuses().isEmpty() || !r.samples().isEmpty()) {
        out("  %s statuses %s, first answers: %s", r.name(), r.statuses(), r.samples());
      }
    }
    out("");
    out("markdown row (clients | seconds | events | HTTP_INSTANCES | DB_POOL_SIZE | top-ups/s | top-up p50/p99/p99.9 ms | purchases/s | purchase p50/p99/p99.9 ms | pgbench TPS | purchases÷TPS | top-ups÷TPS):");
    out("| %d | %d | %d | %s | %s | %.0f | %.1f / %.1f / %.1f | %.0f | %.1f / %.1f / %.1f | %s | %s | %s |",
        settings.clients(), settings.seconds(), events,
        system == null ? "?" : Integer.toString(system.config().httpInstances()),
        system == null ? "?" : Integer.toString(system.config().dbPoolSize()),
        topUps.throughput(), topUps.percentileMs(50), topUps.percentileMs(99), topUps.percentileMs(99.9),
        purchases.throughput(), purchases.percentileMs(50), purchases.percentileMs(99), purchases.percentileMs(99.9),
        ceiling == null ? "n/a" : String.format(Locale.ROOT, "%.0f", ceiling.tps()),
        ceiling == null ? "n/a" : String.format(Locale.ROOT, "%.2f", purchases.throughput() / ceiling.tps()),
        ceiling == null ? "n/a" : String.format(Locale.ROOT, "%.2f", topUps.throughput() / ceiling.tps()));
    return errorFree && consistent ? 0 : 1;
  }

  private static void printPhase(ClosedLoop.Result r) {
    out("           %s: %,d answered 2xx in the window -> %.1f req/s; p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; non-2xx %d, no answer %d",
        r.name(), r.ok(), r.throughput(), r.percentileMs(50), r.percentileMs(99), r.percentileMs(99.9), r.maxMs(), r.non2xx(), r.failures());
  }

  private static HttpResponse<Buffer> expect(HttpResponse<Buffer> res, int status, String what) {
    if (res.statusCode() != status) {
      throw new IllegalStateException(what + " answered " + res.statusCode() + " " + res.bodyAsString());
    }
    return res;
  }

  /** The run must end by itself: past the deadline it exits (the shutdown hook stops the API and PostgreSQL). */
  private static void startWatchdog(long deadlineSeconds) {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(deadlineSeconds * 1000);
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("bench: still running after " + deadlineSeconds + " s; stopping");
      Thread exit = new Thread(() -> System.exit(3), "bench-exit");
      exit.setDaemon(true);
      exit.start();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(4);
    }, "bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2] + " (1/5/15 min)";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }

  private static long lineCount(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void out(String format, Object... args) {
    System.out.println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
  }
}
