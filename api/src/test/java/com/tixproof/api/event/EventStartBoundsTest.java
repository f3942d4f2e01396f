package com.tixproof.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tixproof.api.testing.TestApi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("An event's start must be a time the listing can page over and the wire can print")
class EventStartBoundsTest {
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
  @ValueSource(strings = {"1900-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z"})
  @DisplayName("a start before 1970 or after year 9999 is refused and creates nothing")
  void outOfRangeStartIsRefused(String startsAt) {
    HttpResponse<Buffer> res = create(startsAt);
    assertEquals(400, res.statusCode(), res.bodyAsString());
    assertEquals("invalid_request", res.bodyAsJsonObject().getString("error"));
    assertEquals(0, app.client.get("/api/events", null).await().bodyAsJsonObject().getJsonArray("items").size());
  }

  @Test
  @DisplayName("the first and last accepted starts are created and both listed")
  void boundaryStartsAreListed() {
    assertEquals(201, create("1970-01-01T00:00:00Z").statusCode());
    assertEquals(201, create("9999-12-31T23:59:59Z").statusCode());
    HttpResponse<Buffer> list = app.client.get("/api/events", null).await();
    assertEquals(200, list.statusCode(), list.bodyAsString());
    assertEquals(2, list.bodyAsJsonObject().getJsonArray("items").size());
  }

  private static HttpResponse<Buffer> create(String startsAt) {
    // a timeout, because the failure this guards against was a request that never got an answer
    return app.client.web().post("/api/events").bearerTokenAuthentication(admin).timeout(10_000)
        .sendJsonObject(new JsonObject()
            .put("name", "Bounds").put("venue", "Nowhere").put("startsAt", startsAt).put("price", 1000).put("capacity", 10))
        .await();
  }
}
