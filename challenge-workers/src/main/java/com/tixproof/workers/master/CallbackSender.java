package com.tixproof.workers.master;

import com.tixproof.protocol.Hmac;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the API about solved challenges (those of one job due together in one request) through its
 * signed solutions endpoint: at least once,
 * retried with exponential backoff (up to 30 s apart) until the API accepts (200) or refuses for
 * good (404/409/422, recorded as REJECTED). Kicked when a challenge is solved, and on a timer for
 * retries.
 */
final class CallbackSender {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);

  private final JobRepository jobs;
  private final WebClient http;
  private final String apiUrl;
  private final Hmac hmac;
  private final Counter delivered;
  private final Counter rejected;
  private final Counter retried;
  private boolean running;
  private boolean again;

  CallbackSender(JobRepository jobs, WebClient http, String apiUrl, Hmac hmac, MeterRegistry metrics) {
    this.jobs = jobs;
    this.http = http;
    this.apiUrl = apiUrl;
    this.hmac = hmac;
    this.delivered = Counter.builder("tixproof_master_callbacks_delivered").register(metrics);
    this.rejected = Counter.builder("tixproof_master_callbacks_rejected").register(metrics);
    this.retried = Counter.builder("tixproof_master_callbacks_retried").register(metrics);
  }

  /** Call on the master's event loop. */
  void kick() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    jobs.dueCallbacks(50)
        .compose(due -> {
          // one request per job: challenges solved close together travel together
          Map<java.util.UUID, List<JobRepository.DueCallback>> byJob = new LinkedHashMap<>();
          due.forEach(d -> byJob.computeIfAbsent(d.jobId(), k -> new ArrayList<>()).add(d));
          List<Future<Void>> sends = new ArrayList<>();
          byJob.values().forEach(batch -> sends.add(send(batch)));
          return Future.join(sends).map(v -> due.size());
        })
        .onComplete(ar -> {
          running = false;
          if (ar.failed()) {
            LOG.warn("callbacks: cannot read due callbacks: {}", ar.cause().toString());
          } else if (again || ar.result() == 50) {
            kick();
          }
        });
  }

  private Future<Void> send(List<JobRepository.DueCallback> batch) {
    JobRepository.DueCallback first = batch.get(0);
    JsonArray solutions = new JsonArray();
    batch.forEach(d -> solutions.add(new JsonObject().put("challengeId", d.challengeId()).put("secret", d.secret())));
    Buffer body = new JsonObject().put("solutions", solutions).toBuffer();
    String ids = batch.stream().map(JobRepository.DueCallback::challengeId).collect(java.util.stream.Collectors.joining(","));
    return http.postAbs(apiUrl + "/api/internal/payments/" + first.jobId() + "/solutions")
        .putHeader("Content-Type", "application/json")
        .putHeader(Hmac.HEADER, hmac.sign(body.getBytes()))
        .timeout(5_000)
        .sendBuffer(body)
        .transform(ar -> {
          if (ar.succeeded() && ar.result().statusCode() == 200) {
            delivered.increment(batch.size());
            JsonObject purchase = ar.result().bodyAsJsonObject();
            LOG.info("job {}: challenges {} delivered to the API (purchase {} {} {}/{})", first.jobId(), ids,
                purchase.getString("id"), purchase.getString("status"), purchase.getInteger("solvedChallenges"), purchase.getInteger("totalChallenges"));
            return forEach(batch, d -> jobs.callbackDone(d.jobId(), d.challengeId(), "DELIVERED", null));
          }
          if (ar.succeeded() && (ar.result().statusCode() == 404 || ar.result().statusCode() == 409 || ar.result().statusCode() == 422)) {
            rejected.increment(batch.size());
            String why = ar.result().statusCode() + " " + ar.result().bodyAsString();
            LOG.warn("job {}: API refused challenges {} for good: {}", first.jobId(), ids, why);
            return forEach(batch, d -> jobs.callbackDone(d.jobId(), d.challengeId(), "REJECTED", truncate(why)));
          }
          retried.increment(batch.size());
          String why = ar.succeeded() ? ar.result().statusCode() + " " + ar.result().bodyAsString() : ar.cause().toString();
          double delay = Math.min(30.0, 0.25 * Math.pow(2, Math.min(first.attempts(), 10)));
          LOG.info("job {}: callback for challenges {} failed ({}); retry in {} s", first.jobId(), ids, truncate(why), delay);
          return forEach(batch, d -> jobs.callbackRetry(d.jobId(), d.challengeId(), truncate(why), delay));
        });
  }

  private static Future<Void> forEach(List<JobRepository.DueCallback> batch, java.util.function.Function<JobRepository.DueCallback, Future<Void>> update) {
    Future<Void> chain = Future.succeededFuture();
    for (JobRepository.DueCallback d : batch) {
      chain = chain.compose(v -> update.apply(d));
    }
    return chain;
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 300 ? s : s.substring(0, 300);
  }
}
