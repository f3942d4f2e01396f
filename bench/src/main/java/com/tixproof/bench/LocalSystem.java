package com.tixproof.bench;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import com.tixproof.api.ApiMain;
import com.tixproof.api.config.AppConfig;
import com.tixproof.launcher.EmbeddedPostgresServer;
import io.vertx.core.Future;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The system under test, started in this process the way the launcher does it: embedded
 * PostgreSQL in a fresh temporary data directory (unless {@code DATABASE_URL} is given), then the
 * API on a free loopback port with an admin account. Its log goes to a file so the bench's report
 * stays readable; the log level stays the API's own default (INFO), since production logs too.
 */
final class LocalSystem implements AutoCloseable {
  static final String ADMIN_EMAIL = "bench-admin@tixproof.bench";

  private final Path tempDir;
  private final EmbeddedPostgres postgres;
  private final String databaseUrl;
  private final AppConfig config;
  private final Path apiLog;
  private ApiMain.Running api;
  private boolean closed;

  private LocalSystem(Path tempDir, EmbeddedPostgres postgres, String databaseUrl, AppConfig config, Path apiLog) {
    this.tempDir = tempDir;
    this.postgres = postgres;
    this.databaseUrl = databaseUrl;
    this.config = config;
    this.apiLog = apiLog;
  }

  static LocalSystem start(BenchSettings settings) throws IOException {
    Path tempDir = Files.createTempDirectory("tixproof-bench");
    Path apiLog = settings.apiLog().map(Path::of).orElse(tempDir.resolve("api.log")).toAbsolutePath();
    logApiTo(apiLog);

    EmbeddedPostgres postgres = null;
    ApiMain.Running api = null;
    String databaseUrl = settings.databaseUrl().orElse(null);
    try {
      if (databaseUrl == null) {
        postgres = EmbeddedPostgresServer.start(tempDir.resolve("postgres"), 0);
        databaseUrl = EmbeddedPostgresServer.url(postgres);
      }
      // the API's own defaults (HTTP_INSTANCES = cores, DB_POOL_SIZE = 16, Argon2 at OWASP cost,
      // INFO logs) unless the caller's environment or arguments override them; only where it runs
      // is fixed here
      Map<String, String> env = new HashMap<>(settings.environment());
      env.put("DATA_DIR", tempDir.resolve("data").toString());
      env.put("DATABASE_URL", databaseUrl);
      env.put("HOST", "127.0.0.1");
      env.put("PORT", Integer.toString(freePort()));
      env.put("ADMIN_EMAIL", ADMIN_EMAIL);
      env.put("ADMIN_PASSWORD", randomSecret());
      env.put("SEED_DEMO_EVENTS", "false");
      // the bench measures purchases and proofs; no ticket function runs beside it
      env.putIfAbsent("TICKET_DELIVERY", "off");
      env.remove("JWT_SECRET");
      env.remove("CALLBACK_SECRET");
      AppConfig config = AppConfig.fromEnv(env);
      api = ApiMain.run(config);
      api.started().await();
      LocalSystem system = new LocalSystem(tempDir, postgres, databaseUrl, config, apiLog);
      system.api = api;
      return system;
    } catch (RuntimeException | IOException e) {
      if (api != null) {
        ApiMain.Running failed = api;
        awaitBounded(failed.vertx().close(), "API stop");
      }
      EmbeddedPostgresServer.stop(postgres);
      deleteTree(tempDir);
      throw e;
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + config.port());
  }

  String databaseUrl() {
    return databaseUrl;
  }

  AppConfig config() {
    return config;
  }

  boolean embeddedPostgres() {
    return postgres != null;
  }

  Path apiLog() {
    return apiLog;
  }

  /**
   * Stops the API (and its Vert.x) but leaves PostgreSQL up for the ceiling. Not through
   * {@link ApiMain.Running#stop()}: that chains {@code vertx.close()} onto a future bound to one of
   * the closing Vert.x's event loops, so its completion is rejected and the wait never ends. This
   * chain starts context-free (as the tests' {@code TestApi.close()} does), with a bounded wait.
   */
  synchronized void stopApi() {
    if (api != null) {
      ApiMain.Running running = api;
      api = null;
      Future<Void> stopped = running.started().succeeded()
          ? running.started().result().stop().eventually(running.vertx()::close)
          : running.vertx().close();
      awaitBounded(stopped, "API stop");
    }
  }

  /** Waits for {@code f} at most a minute; a stop that hangs must not keep the bench from ending. */
  static void awaitBounded(Future<?> f, String what) {
    try {
      f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.err.println("bench: " + what + " did not finish in 60 s; going on");
    } catch (ExecutionException e) {
      System.err.println("bench: " + what + " failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stopApi();
    } finally {
      EmbeddedPostgresServer.stop(postgres);
      deleteTree(tempDir);
    }
  }

  /** Sends the API's log lines to a file instead of the console the report is printed on. */
  private static void logApiTo(Path file) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{20} - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("BENCH_FILE");
    appender.setFile(file.toString());
    appender.setAppend(false);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender("STDOUT");
    root.addAppender(appender);
  }

  private static String randomSecret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
