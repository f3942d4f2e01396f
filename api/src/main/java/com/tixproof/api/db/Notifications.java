package com.tixproof.api.db;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LISTEN connection per process for PostgreSQL notifications ({@code outbox_new},
 * {@code purchase_changed}), reconnecting by itself. This is how changes made by one API process
 * reach the others.
 */
public final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private final PgSubscriber subscriber;

  public Notifications(Vertx vertx, String databaseUrl) {
    this.subscriber = PgSubscriber.subscriber(vertx, Database.connectOptions(databaseUrl));
    this.subscriber.reconnectPolicy(retries -> {
      if (retries == 0) {
        LOG.warn("LISTEN connection lost; reconnecting");
      }
      return 500L;
    });
  }

  public Notifications on(String channel, Handler<String> handler) {
    subscriber.channel(channel).handler(handler);
    return this;
  }

  public Future<Void> connect() {
    return subscriber.connect();
  }

  public Future<Void> close() {
    return subscriber.close();
  }
}
