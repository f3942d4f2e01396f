package com.tixproof.api.event;

import static com.tixproof.api.testing.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Audit;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Events are created for the future, listed until they start, and sold only before they start")
class EventStartTest {
  static TestApi app;
  static String admin;

  @BeforeAll
  static void start() {
    app = TestApi.start();
    admin = app.client.adminToken().await();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void reset() {
    app.reset();
  }

  @ParameterizedTest(name = "startsAt {0} is refused as invalid_request")
  @ValueSource(strings = {"1900-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "an hour ago", "+10000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z"})
  @DisplayName("a start in the past or after year 9999 is refused and creates nothing")
  void outOfRangeStartIsRefused(String startsAt) {
    String when = startsAt.equals("an hour ago") ? Instant.now().minus(1, ChronoUnit.HOURS).toString() : startsAt;
    HttpResponse<Buffer> res = create(when);
    assertError(res, 400, "invalid_request");
    assertEquals(0, listed());
  }

  @Test
  @DisplayName("a start a minute from now and the last accepted start are created and both listed")
  void boundaryStartsAreListed() {
    assertEquals(201, create(Instant.now().plus(1, ChronoUnit.MINUTES).toString()).statusCode());
    assertEquals(201, create("9999-12-31T23:59:59Z").statusCode());
    assertEquals(2, listed());
  }

  @Test
  @DisplayName("once an event has started it leaves the listing, still answers by id, and a purchase is 409 invalid_state changing nothing")
  void startedEventIsNoLongerSold() {
    String started = app.client.createEvent(1_000, 10).await();
    String upcoming = app.client.createEvent(1_000, 10).await();
    // time passes: the event's start is now behind us
    app.api.pool().preparedQuery("UPDATE events SET starts_at = now() - interval '1 minute' WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(started))).await();
    Session buyer = app.client.newUserWithBalance(5_000).await();

    HttpResponse<Buffer> list = app.client.get("/api/events", null).await();
    assertEquals(1, list.bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(upcoming, list.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id"));
    HttpResponse<Buffer> byId = app.client.get("/api/events/" + started, null).await();
    assertEquals(200, byId.statusCode(), byId.bodyAsString());
    assertEquals(10, byId.bodyAsJsonObject().getInteger("seatsLeft"));

    String before = Audit.snapshot(app);
    HttpResponse<Buffer> refused = app.client.buy(buyer.token(), started, 1, UUID.randomUUID().toString()).await();
    assertError(refused, 409, "invalid_state");
    assertFalse(refused.bodyAsJsonObject().getString("message").isBlank());
    assertEquals(before, Audit.snapshot(app));
    assertEquals(5_000L, app.client.balance(buyer.token()).await());

    assertEquals(202, app.client.buy(buyer.token(), upcoming, 1, UUID.randomUUID().toString()).await().statusCode());
  }

  private static int listed() {
    HttpResponse<Buffer> list = app.client.get("/api/events", null).await();
    assertEquals(200, list.statusCode(), list.bodyAsString());
    return list.bodyAsJsonObject().getJsonArray("items").size();
  }

  private static HttpResponse<Buffer> create(String startsAt) {
    // a timeout, because an out-of-range start once left the request without an answer
    return app.client.web().post("/api/events").bearerTokenAuthentication(admin).timeout(10_000)
        .sendJsonObject(new JsonObject()
            .put("name", "Bounds").put("venue", "Nowhere").put("startsAt", startsAt).put("price", 1000).put("capacity", 10))
        .await();
  }
}
