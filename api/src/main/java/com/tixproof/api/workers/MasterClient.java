package com.tixproof.api.workers;

import com.tixproof.protocol.Hmac;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.Optional;

/** The API's side of the job master's REST interface; requests that change something are signed. */
public final class MasterClient {
  private final WebClient http;
  private final String baseUrl;
  private final Hmac hmac;

  public MasterClient(WebClient http, String baseUrl, String callbackSecret) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.hmac = new Hmac(callbackSecret);
  }

  /** POST /jobs; a resend of a known job is harmless (the job id is the deposit token). */
  public Future<Void> postJob(JsonObject job) {
    Buffer body = job.toBuffer();
    return http.postAbs(baseUrl + "/jobs")
        .putHeader("Content-Type", "application/json")
        .putHeader(Hmac.HEADER, hmac.sign(body.getBytes()))
        .timeout(5_000)
        .sendBuffer(body)
        .compose(res -> res.statusCode() / 100 == 2
            ? Future.succeededFuture()
            : Future.failedFuture("master answered " + res.statusCode() + " " + res.bodyAsString()));
  }

  /** GET /jobs/{id}; empty when the master does not know the job. */
  public Future<Optional<JsonObject>> job(String jobId) {
    return http.getAbs(baseUrl + "/jobs/" + jobId).timeout(2_000).send().compose(res -> {
      if (res.statusCode() == 404) {
        return Future.succeededFuture(Optional.empty());
      }
      if (res.statusCode() != 200) {
        return Future.failedFuture("master answered " + res.statusCode());
      }
      return Future.succeededFuture(Optional.of(res.bodyAsJsonObject()));
    });
  }

  /** GET /workers. */
  public Future<JsonObject> workers() {
    return http.getAbs(baseUrl + "/workers").timeout(1_500).send().compose(res -> res.statusCode() == 200
        ? Future.succeededFuture(res.bodyAsJsonObject())
        : Future.failedFuture("master answered " + res.statusCode()));
  }
}
