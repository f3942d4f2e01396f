package com.tixproof.api.workers;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker pool's availability as the front end's light shows it: the master's {@code /workers}
 * polled every second and cached. {@code available} is true while the master answered within the
 * last few seconds and at least one worker's heartbeat is alive; it turns false within about
 * {@code staleAfter} of the master or the last worker going away.
 */
public final class WorkerStatusService {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerStatusService.class);
  private final MasterClient master;
  private final Duration staleAfter;
  private final long newPurchaseCandidates;
  private volatile JsonObject last;
  private volatile Instant lastAt = Instant.EPOCH;
  private volatile boolean wasAvailable;

  /**
   * @param newPurchaseCandidates expected candidates to prove one new purchase (K × S / 2)
   */
  public WorkerStatusService(MasterClient master, Duration staleAfter, long newPurchaseCandidates) {
    this.master = master;
    this.staleAfter = staleAfter;
    this.newPurchaseCandidates = newPurchaseCandidates;
  }

  public long start(Vertx vertx, Duration interval) {
    poll();
    return vertx.setPeriodic(interval.toMillis(), id -> poll());
  }

  private void poll() {
    if (master == null) {
      return;
    }
    master.workers().onSuccess(w -> {
      last = w;
      lastAt = Instant.now();
      logChange();
    }).onFailure(err -> logChange());
  }

  private void logChange() {
    boolean now = status().getBoolean("available");
    if (now != wasAvailable) {
      wasAvailable = now;
      LOG.info("worker pool {}", now ? "available" : "unavailable");
    }
  }

  public JsonObject status() {
    JsonObject w = last;
    boolean masterUp = master != null && w != null && Duration.between(lastAt, Instant.now()).compareTo(staleAfter) < 0;
    if (!masterUp) {
      return new JsonObject().put("available", false).put("masterUp", false).put("workers", 0).put("threads", 0)
          .put("queuedTasks", null).put("solveRate", 0).put("expectedWaitSeconds", null)
          .put("reason", master == null ? "no job master configured (MASTER_URL)" : "job master not answering")
          .put("checkedAt", lastAt.equals(Instant.EPOCH) ? null : lastAt.toString());
    }
    int workers = w.getInteger("workerCount", 0);
    long rate = w.getLong("solveRate", 0L);
    long backlog = w.getLong("backlogCandidates", 0L);
    Double wait = rate > 0 ? Math.round((backlog + newPurchaseCandidates) * 100.0 / rate) / 100.0 : null;
    return new JsonObject()
        .put("available", workers > 0)
        .put("masterUp", true)
        .put("workers", workers)
        .put("threads", w.getLong("threads", 0L))
        .put("queuedTasks", w.getLong("queuedTasks", 0L))
        .put("tasksInFlight", w.getLong("tasksInFlight", 0L))
        .put("solveRate", rate)
        .put("expectedWaitSeconds", workers > 0 ? wait : null)
        .put("workersNeeded", w.getLong("workersNeeded", 1L))
        .put("reason", workers > 0 ? null : "no worker is running")
        .put("checkedAt", lastAt.toString());
  }
}
