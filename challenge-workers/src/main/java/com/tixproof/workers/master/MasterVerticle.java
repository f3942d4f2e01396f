package com.tixproof.workers.master;

import com.tixproof.protocol.Hmac;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job master: REST ({@code POST /jobs}, {@code GET /jobs/{id}}, {@code /heartbeat},
 * {@code /workers}, {@code /metrics}), the task enqueuer, the result consumer, the callback
 * sender and the Redis watch (re-queues everything when Redis comes back empty). One instance.
 */
public final class MasterVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MasterVerticle.class);

  private final MasterConfig config;
  private final PrometheusMeterRegistry registry;
  private Pool pool;
  private RedisGateway redis;
  private JobRepository jobs;
  private JobService service;
  private TaskEnqueuer enqueuer;
  private CallbackSender callbacks;
  private ResultConsumer results;
  private Hmac hmac;
  private boolean redisWatchRunning;

  public MasterVerticle(MasterConfig config, PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> {
      MasterDatabase.migrate(config.databaseUrl());
      return null;
    }, false).compose(v -> {
      pool = MasterDatabase.pool(vertx, config.databaseUrl(), config.dbPoolSize());
      redis = new RedisGateway(config);
      jobs = new JobRepository(pool);
      service = new JobService(jobs, config.taskSize(), registry);
      hmac = new Hmac(config.callbackSecret());
      enqueuer = new TaskEnqueuer(vertx, jobs, redis);
      callbacks = new CallbackSender(jobs, WebClient.create(vertx), config.apiUrl(), hmac, registry);
      Context ctx = context;
      results = new ResultConsumer(redis, service, applied -> {
        // on the consumer thread: tell the workers, then hurry the callback
        try {
          redis.announceSolved(applied.jobId(), applied.challengeId());
        } catch (RuntimeException e) {
          LOG.warn("could not announce solved challenge {}: {}", applied.challengeId(), e.toString());
        }
        ctx.runOnContext(x -> callbacks.kick());
      }).start();
      vertx.setPeriodic(1_000, id -> watchRedis());
      vertx.setPeriodic(250, id -> callbacks.kick());
      return vertx.createHttpServer().requestHandler(router()).listen(config.port(), config.host());
    }).onSuccess(s -> {
      LOG.info("job master listening on http://{}:{}, redis {}, API {}", config.host(), s.actualPort(),
          config.redis(), config.apiUrl());
      watchRedis();
    });
  }

  @Override
  public Future<?> stop() {
    if (results != null) {
      results.close();
    }
    if (redis != null) {
      redis.close();
    }
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  /** Re-queues every unfinished task if Redis lost its data, then drains NEW tasks. */
  private void watchRedis() {
    if (redisWatchRunning) {
      return;
    }
    redisWatchRunning = true;
    vertx.executeBlocking(redis::epochLost, false)
        .compose(lost -> lost ? jobs.requeueAll().onSuccess(n -> {
          if (n > 0) {
            LOG.warn("redis came back empty: re-queued {} unfinished tasks", n);
          }
        }).mapEmpty() : Future.succeededFuture())
        .onComplete(ar -> {
          redisWatchRunning = false;
          if (ar.succeeded()) {
            enqueuer.kick();
          }
        });
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(256 * 1024));
    router.post("/jobs").handler(this::postJob);
    router.get("/jobs/:id").handler(this::getJob);
    router.get("/heartbeat").handler(this::heartbeat);
    router.get("/workers").handler(this::workers);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    router.route().failureHandler(ctx -> {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      error(ctx, ctx.statusCode() > 0 && ctx.statusCode() != 500 ? ctx.statusCode() : 500, "internal_error", "internal error");
    });
    return router;
  }

  private void postJob(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    byte[] bytes = raw == null ? new byte[0] : raw.getBytes();
    if (!hmac.verify(bytes, ctx.request().getHeader(Hmac.HEADER))) {
      error(ctx, 401, "unauthorized", "X-Signature does not match the body");
      return;
    }
    JobService.Job job;
    try {
      job = JobService.parse(new JsonObject(raw));
    } catch (DecodeException | IllegalArgumentException | ClassCastException | NullPointerException bad) {
      error(ctx, 400, "invalid_request", "malformed job: " + bad.getMessage());
      return;
    }
    service.accept(job)
        .onSuccess(created -> {
          enqueuer.kick();
          ctx.response().setStatusCode(created ? 202 : 200).putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("jobId", job.jobId().toString()).put("created", created).encode());
        })
        .onFailure(ctx::fail);
  }

  private void getJob(RoutingContext ctx) {
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException bad) {
      error(ctx, 404, "not_found", "job not found");
      return;
    }
    jobs.job(id).onSuccess(job -> {
      if (job.isEmpty()) {
        error(ctx, 404, "not_found", "job not found");
      } else {
        ctx.json(job.get());
      }
    }).onFailure(ctx::fail);
  }

  private void heartbeat(RoutingContext ctx) {
    Future<Boolean> db = pool.query("SELECT 1").execute().map(r -> true).otherwise(false);
    Future<Boolean> rd = vertx.executeBlocking(redis::ping, false).otherwise(false);
    Future.join(db, rd).onComplete(ar -> {
      boolean up = db.result() && rd.result();
      ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", up ? "UP" : "DOWN")
              .put("database", db.result() ? "UP" : "DOWN").put("redis", rd.result() ? "UP" : "DOWN").encode());
    });
  }

  /** Live workers and the load on them; {@code workersNeeded} is the autoscaling signal. */
  private void workers(RoutingContext ctx) {
    Future<JsonObject> live = vertx.executeBlocking(() -> new JsonObject().put("workers", redis.workers()).put("stream", redis.streamDepth()), false);
    Future<JsonObject> backlog = jobs.backlog();
    Future.all(live, backlog).onSuccess(v -> {
      JsonArray workers = live.result().getJsonArray("workers");
      long threads = 0;
      long inFlight = 0;
      double capacity = 0;
      double rate = 0;
      for (Object o : workers) {
        JsonObject w = (JsonObject) o;
        threads += w.getLong("threads", 0L);
        inFlight += w.getLong("inFlight", 0L);
        capacity += w.getDouble("capacity", 0.0);
        rate += w.getDouble("rate", 0.0);
      }
      long backlogCandidates = backlog.result().getLong("candidates");
      double perWorker = workers.isEmpty() ? 0 : capacity / workers.size();
      long needed = backlogCandidates == 0 ? 1
          : perWorker <= 0 ? Math.max(1, workers.size()) : Math.max(1, (long) Math.ceil(backlogCandidates / (perWorker * config.targetWait().toSeconds())));
      ctx.json(new JsonObject()
          .put("workers", workers)
          .put("workerCount", workers.size())
          .put("threads", threads)
          .put("tasksInFlight", inFlight)
          .put("queuedTasks", backlog.result().getLong("tasks"))
          .put("backlogCandidates", backlogCandidates)
          .put("stream", live.result().getJsonObject("stream"))
          .put("solveRate", Math.round(capacity))
          .put("currentRate", Math.round(rate))
          .put("perWorkerRate", Math.round(perWorker))
          .put("targetWaitSeconds", config.targetWait().toSeconds())
          .put("workersNeeded", needed));
    }).onFailure(err -> error(ctx, 503, "unavailable", "cannot read workers: " + err.getMessage()));
  }

  private static void error(RoutingContext ctx, int status, String code, String message) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", code).put("message", message).encode());
  }
}
