package com.tixproof.api.testing;

import com.tixproof.api.Api;
import com.tixproof.api.ApiMain;
import com.tixproof.api.config.AppConfig;
import com.tixproof.api.ticket.TicketFunction;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * A real API on a free loopback port over the test database, with a client pointed at it. Tests
 * use it black-box over HTTP; {@link #reset()} empties the data between tests (the admin stays).
 */
public final class TestApi implements AutoCloseable {
  public static final String JWT_SECRET = "test-jwt-secret-0123456789abcdef0123456789";
  public static final String CALLBACK_SECRET = "test-callback-secret-0123456789abcdef";
  public static final String ADMIN_EMAIL = "admin@tixproof.test";
  public static final String ADMIN_PASSWORD = "admin-password-1";

  public final Vertx vertx;
  public final Api api;
  public final ApiClient client;
  public final int port;

  private TestApi(Vertx vertx, Api api, ApiClient client, int port) {
    this.vertx = vertx;
    this.api = api;
    this.client = client;
    this.port = port;
  }

  public static TestApi start() {
    return start(Map.of());
  }

  /** Starts with test defaults, overridden by {@code env}. */
  public static TestApi start(Map<String, String> env) {
    return start(env, null);
  }

  /** Starts with test defaults, overridden by {@code env}, rendering tickets with {@code ticketFunction} (null: none). */
  public static TestApi start(Map<String, String> env, TicketFunction ticketFunction) {
    Map<String, String> all = new HashMap<>();
    int port = freePort();
    try {
      all.put("DATA_DIR", Files.createTempDirectory("tixproof-test-data").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    all.put("DATABASE_URL", TestDatabase.url());
    all.put("HOST", "127.0.0.1");
    all.put("PORT", Integer.toString(port));
    all.put("HTTP_INSTANCES", "2");
    all.put("DB_POOL_SIZE", "16");
    all.put("JWT_SECRET", JWT_SECRET);
    all.put("CALLBACK_SECRET", CALLBACK_SECRET);
    all.put("ADMIN_EMAIL", ADMIN_EMAIL);
    all.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    // cheap hashing keeps hundreds of test registrations fast; production defaults are in AppConfig
    all.put("ARGON2_MEMORY_KIB", "64");
    all.put("ARGON2_ITERATIONS", "1");
    all.put("SWEEP_INTERVAL", "1h");
    all.put("LOGIN_MAX_PER_MINUTE_PER_ADDRESS", "100000");
    // tickets are rendered only where a test passes a ticket function (see start(env, function))
    all.put("TICKET_DELIVERY", "off");
    all.putAll(env);
    AppConfig config = AppConfig.fromEnv(all);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = ApiMain.newVertx(registry);
    Api api = Api.start(vertx, config, registry, ticketFunction).await();
    WebClient web = WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(config.port()).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(128));
    return new TestApi(vertx, api, new ApiClient(web), config.port());
  }

  /** Empties every table but keeps the admin account (with a zero balance). */
  public void reset() {
    truncate(1)
        .compose(v -> api.pool().query("DELETE FROM wallets WHERE user_id IN (SELECT id FROM users WHERE role <> 'admin')").execute())
        .compose(v -> api.pool().query("DELETE FROM users WHERE role <> 'admin'").execute())
        .compose(v -> api.pool().query("UPDATE wallets SET balance = 0").execute())
        .await();
  }

  /**
   * TRUNCATE waits for every open transaction on these tables, and queues every later query
   * behind it. The outbox relay holds its claimed rows in a transaction while a receiver (ticket
   * delivery, e-mail) queries purchases on another connection: waiting forever would deadlock
   * them, so the TRUNCATE gives up after a moment, lets them finish, and tries again.
   */
  private io.vertx.core.Future<Void> truncate(int attempt) {
    return api.pool().withTransaction(tx -> tx.query("SET LOCAL lock_timeout = '500ms'").execute()
            .compose(v -> tx.query("TRUNCATE ledger_entries, idempotency_keys, outbox, ticket_check_ins, tickets, purchase_challenges,"
                + " purchases, events").execute()))
        .<Void>mapEmpty()
        .recover(err -> err instanceof io.vertx.pgclient.PgException pg && "55P03".equals(pg.getSqlState()) && attempt < 40
            ? truncate(attempt + 1)
            : io.vertx.core.Future.failedFuture(err));
  }

  @Override
  public void close() {
    var stopped = api.stop();
    com.tixproof.protocol.Waits.until(stopped::isComplete, 15_000);
    var closed = vertx.close();
    com.tixproof.protocol.Waits.until(closed::isComplete, 15_000);
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
