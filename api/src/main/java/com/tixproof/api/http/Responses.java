package com.tixproof.api.http;

import com.tixproof.api.idempotency.StoredResponse;
import io.vertx.ext.web.RoutingContext;

/** Writing stored answers (the idempotent endpoints answer byte for byte what they first said). */
public final class Responses {
  private Responses() {}

  public static void send(RoutingContext ctx, StoredResponse answer) {
    ctx.response()
        .setStatusCode(answer.status())
        .putHeader("Content-Type", "application/json")
        .putHeader("Idempotent-Replayed", Boolean.toString(answer.replayed()))
        .end(answer.body());
  }
}
