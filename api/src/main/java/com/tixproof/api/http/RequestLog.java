package com.tixproof.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per request, written when the response ends: method, path, status, duration, user. */
public final class RequestLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("http");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      long micros = (System.nanoTime() - start) / 1_000;
      UUID user = Auth.userIdOrNull(ctx);
      LOG.info("{} {} {} {}.{}ms user={}",
          ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(),
          micros / 1000, String.format("%03d", micros % 1000), user == null ? "-" : user);
    });
    ctx.next();
  }
}
