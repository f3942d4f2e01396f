package com.tixproof.api.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox rows to their receivers, at least once, in order of creation per batch. Rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED} and stay locked while being sent, so several API
 * processes never send one row at the same time; a failed send is retried with exponential backoff
 * (up to 30 s apart) until it lands. Woken at once by {@code outbox_new} notifications, and by a
 * timer for retries and missed notifications.
 */
public final class OutboxRelayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayVerticle.class);
  private static final int BATCH = 32;
  private static final String CLAIM =
      "SELECT id, topic, message_key, payload, attempts FROM outbox"
          + " WHERE delivered_at IS NULL AND available_at <= now() AND topic = ANY($1)"
          + " ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED";
  private static final String DELIVERED =
      "UPDATE outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1";
  private static final String RETRY =
      "UPDATE outbox SET attempts = attempts + 1, last_error = $2, available_at = now() + make_interval(secs => $3) WHERE id = $1";

  private final Pool pool;
  private final Map<String, Function<JsonObject, Future<Void>>> receivers;
  private final Duration pollInterval;
  private final Counter delivered;
  private final Counter failed;
  private boolean running;
  private boolean again;
  private long timer;

  public OutboxRelayVerticle(Pool pool, Map<String, Function<JsonObject, Future<Void>>> receivers, Duration pollInterval, MeterRegistry metrics) {
    this.pool = pool;
    this.receivers = receivers;
    this.pollInterval = pollInterval;
    this.delivered = Counter.builder("tixproof_outbox_delivered").description("outbox rows delivered").register(metrics);
    this.failed = Counter.builder("tixproof_outbox_failed_attempts").description("outbox deliveries that failed and will be retried").register(metrics);
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(pollInterval.toMillis(), id -> kick());
    kick();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** Runs a relay pass now, or right after the one in progress. Safe from any thread. */
  public void kick() {
    context.runOnContext(v -> {
      if (running) {
        again = true;
        return;
      }
      running = true;
      again = false;
      relay().onComplete(ar -> {
        running = false;
        if (ar.failed()) {
          LOG.warn("outbox relay pass failed: {}", ar.cause().toString());
        } else if (again || ar.result() == BATCH) {
          kick();
        }
      });
    });
  }

  private Future<Integer> relay() {
    String[] topics = receivers.keySet().toArray(String[]::new);
    return pool.withTransaction(tx -> tx.preparedQuery(CLAIM).execute(Tuple.of(topics, BATCH)).compose(rows -> {
      List<Future<Void>> sends = new ArrayList<>();
      for (Row row : rows) {
        long id = row.getLong("id");
        String topic = row.getString("topic");
        int attempts = row.getInteger("attempts");
        JsonObject payload = (JsonObject) row.getValue("payload");
        sends.add(receivers.get(topic).apply(payload).transform(ar -> {
          if (ar.succeeded()) {
            delivered.increment();
            LOG.info("outbox {} {} {} delivered", id, topic, row.getString("message_key"));
            return tx.preparedQuery(DELIVERED).execute(Tuple.of(id)).mapEmpty();
          }
          failed.increment();
          double delay = Math.min(30.0, 0.5 * Math.pow(2, Math.min(attempts, 10)));
          if (attempts == 0 || attempts % 10 == 0) {
            LOG.warn("outbox {} {} {} not delivered ({}); retry in {} s", id, topic, row.getString("message_key"), ar.cause().getMessage(), delay);
          }
          String error = String.valueOf(ar.cause().getMessage());
          return tx.preparedQuery(RETRY).execute(Tuple.of(id, error.length() > 300 ? error.substring(0, 300) : error, delay)).mapEmpty();
        }));
      }
      return Future.join(sends).map(v -> rows.size());
    }));
  }
}
