package com.tixproof.api.event;

import com.tixproof.api.http.ApiException;
import com.tixproof.api.http.Auth;
import com.tixproof.api.http.Inputs;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** {@code /api/events}: public listing and detail, admin creation. */
public final class EventRoutes {
  /**
   * The latest {@code startsAt}: far-future times come back from PostgreSQL as out of range, so the
   * creating request went unanswered and every listing reaching the event failed with a 500. The
   * earliest is now: an event is created to be sold, and tickets are sold only before it starts.
   */
  static final Instant LATEST_START = Instant.parse("9999-12-31T23:59:59.999999Z");

  private final EventService events;
  private final Auth auth;

  public EventRoutes(EventService events, Auth auth) {
    this.events = events;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get("/api/events").handler(this::list);
    router.get("/api/events/:id").handler(this::get);
    router.post("/api/events").handler(auth.user()).handler(auth.admin()).handler(this::create);
  }

  private void list(RoutingContext ctx) {
    int limit = Inputs.limit(ctx, 20, 100);
    events.page(ctx.request().getParam("before"), limit).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    events.get(Inputs.id(ctx.pathParam("id"), "event")).onSuccess(e -> ctx.json(e.toJson())).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Inputs.body(ctx);
    EventService.NewEvent input = new EventService.NewEvent(
        Inputs.text(body, "name", 200),
        Inputs.text(body, "venue", 200),
        startsAt(body),
        Inputs.integer(body, "price", 1, 1_000_000_000L),
        (int) Inputs.integer(body, "capacity", 1, 1_000_000));
    events.create(input, Auth.principal(ctx).userId())
        .onSuccess(e -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(e.toJson().encode()))
        .onFailure(ctx::fail);
  }

  private static Instant startsAt(JsonObject body) {
    Instant startsAt = Inputs.instant(body, "startsAt");
    if (!startsAt.isAfter(Instant.now())) {
      throw ApiException.invalid("startsAt must be in the future");
    }
    if (startsAt.isAfter(LATEST_START)) {
      throw ApiException.invalid("startsAt must be before 9999-12-31T23:59:59Z");
    }
    return startsAt;
  }
}
