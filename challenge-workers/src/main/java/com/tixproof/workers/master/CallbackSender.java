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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the API about each solved challenge through its signed solutions endpoint: at least once,
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
          List<Future<Void>> sends = new ArrayList<>();
          due.forEach(d -> sends.add(send(d)));
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

  private Future<Void> send(JobRepository.DueCallback d) {
    Buffer body = new JsonObject().put("solutions", new JsonArray()
        .add(new JsonObject().put("challengeId", d.challengeId()).put("secret", d.secret()))).toBuffer();
    return http.postAbs(apiUrl + "/api/internal/payments/" + d.jobId() + "/solutions")
        .putHeader("Content-Type", "application/json")
        .putHeader(Hmac.HEADER, hmac.sign(body.getBytes()))
        .timeout(5_000)
        .sendBuffer(body)
        .transform(ar -> {
          if (ar.succeeded() && ar.result().statusCode() == 200) {
            delivered.increment();
            JsonObject purchase = ar.result().bodyAsJsonObject();
            LOG.info("job {}: challenge {} delivered to the API (purchase {} {} {}/{})", d.jobId(), d.challengeId(),
                purchase.getString("id"), purchase.getString("status"), purchase.getInteger("solvedChallenges"), purchase.getInteger("totalChallenges"));
            return jobs.callbackDone(d.jobId(), d.challengeId(), "DELIVERED", null);
          }
          if (ar.succeeded() && (ar.result().statusCode() == 404 || ar.result().statusCode() == 409 || ar.result().statusCode() == 422)) {
            rejected.increment();
            String why = ar.result().statusCode() + " " + ar.result().bodyAsString();
            LOG.warn("job {}: API refused challenge {} for good: {}", d.jobId(), d.challengeId(), why);
            return jobs.callbackDone(d.jobId(), d.challengeId(), "REJECTED", truncate(why));
          }
          retried.increment();
          String why = ar.succeeded() ? ar.result().statusCode() + " " + ar.result().bodyAsString() : ar.cause().toString();
          double delay = Math.min(30.0, 0.25 * Math.pow(2, Math.min(d.attempts(), 10)));
          LOG.info("job {}: callback for challenge {} failed ({}); retry in {} s", d.jobId(), d.challengeId(), truncate(why), delay);
          return jobs.callbackRetry(d.jobId(), d.challengeId(), truncate(why), delay);
        });
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 300 ? s : s.substring(0, 300);
  }
}
