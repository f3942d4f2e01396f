package com.tixproof.api.purchase;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires purchases left unproven past their deadline, releasing seats and refunding. Runs in every
 * API process; the guarded transition makes each expiry happen once however many sweepers race.
 * A sweep starts only after the previous one ended, so a slow database never piles sweeps up.
 */
public final class ExpirySweeperVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeperVerticle.class);
  private static final int BATCH = 200;

  private final PurchaseService purchases;
  private final Duration interval;
  private volatile boolean stopped;
  private long timer = -1;

  public ExpirySweeperVerticle(PurchaseService purchases, Duration interval) {
    this.purchases = purchases;
    this.interval = interval;
  }

  @Override
  public Future<?> start() {
    schedule();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** One sweep now; completes with the number expired (tests and operators call it directly). */
  public Future<Integer> sweep() {
    return purchases.expireDue(BATCH);
  }

  private void schedule() {
    if (stopped) {
      return;
    }
    timer = vertx.setTimer(Math.max(1, interval.toMillis()), id -> {
      sweepUntilQuiet().onComplete(ar -> {
        if (ar.failed()) {
          LOG.warn("expiry sweep failed; retrying in {} ms: {}", interval.toMillis(), ar.cause().toString());
        }
        schedule();
      });
    });
  }

  /** Keeps sweeping while full batches come back (a backlog after downtime). */
  private Future<Void> sweepUntilQuiet() {
    return sweep().compose(n -> n >= BATCH && !stopped ? sweepUntilQuiet() : Future.succeededFuture());
  }
}
