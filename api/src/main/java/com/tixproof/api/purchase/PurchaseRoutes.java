package com.tixproof.api.purchase;

import com.tixproof.api.http.Auth;
import com.tixproof.api.http.Inputs;
import com.tixproof.api.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** {@code /api/purchases}: buy, list and read own purchases. */
public final class PurchaseRoutes {
  private static final long KEEP_ALIVE_MILLIS = 15_000;
  private final PurchaseService purchases;
  private final PurchaseWatchers watchers;
  private final Auth auth;

  public PurchaseRoutes(PurchaseService purchases, PurchaseWatchers watchers, Auth auth) {
    this.purchases = purchases;
    this.watchers = watchers;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.post("/api/purchases").handler(auth.user()).handler(this::buy);
    router.get("/api/purchases").handler(auth.user()).handler(this::list);
    router.get("/api/purchases/:id").handler(auth.user()).handler(this::get);
    router.get("/api/purchases/:id/events").handler(auth.user()).handler(this::events);
  }

  private void buy(RoutingContext ctx) {
    String key = Inputs.idempotencyKey(ctx);
    JsonObject body = Inputs.body(ctx);
    Object rawEvent = body.getValue("eventId");
    if (rawEvent == null) {
      throw com.tixproof.api.http.ApiException.invalid("eventId is required");
    }
    if (!(rawEvent instanceof String eventIdText)) {
      throw com.tixproof.api.http.ApiException.invalid("eventId must be a string");
    }
    int quantity = (int) Inputs.integer(body, "quantity", 1, 10);
    UUID eventId = Inputs.id(eventIdText, "event");
    purchases.buy(Auth.principal(ctx).userId(), key, eventId, quantity)
        .onSuccess(answer -> Responses.send(ctx, answer))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    int limit = Inputs.limit(ctx, 20, 100);
    purchases.page(Auth.principal(ctx).userId(), ctx.request().getParam("before"), limit)
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** Server-sent events: the purchase now, then at every change of status or progress. */
  private void events(RoutingContext ctx) {
    UUID id = Inputs.id(ctx.pathParam("id"), "purchase");
    UUID userId = Auth.principal(ctx).userId();
    purchases.get(userId, id).onSuccess(first -> {
      PurchaseEventStream stream = new PurchaseEventStream(ctx.response());
      // watch before the first send, so no change between the read and the watch is missed
      Runnable unwatch = watchers.watch(id, ctx.vertx().getOrCreateContext(), stream::offer);
      long keepAlive = ctx.vertx().setPeriodic(KEEP_ALIVE_MILLIS, t -> stream.ping());
      Runnable cleanUp = () -> {
        unwatch.run();
        ctx.vertx().cancelTimer(keepAlive);
      };
      ctx.response().closeHandler(v -> cleanUp.run());
      ctx.response().endHandler(v -> cleanUp.run());
      if (stream.offer(first)) {
        // re-read once: a change may have committed between the first read and the watch
        purchases.get(userId, id).onSuccess(stream::offer);
      }
    }).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    UUID id = Inputs.id(ctx.pathParam("id"), "purchase");
    purchases.get(Auth.principal(ctx).userId(), id).onSuccess(p -> ctx.json(p.toJson())).onFailure(ctx::fail);
  }
}
