package com.tixproof.api.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Audit;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An Idempotency-Key moves money once")
class IdempotencyTest {
  static TestApi app;

  @BeforeAll
  static void start() {
    app = TestApi.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  @DisplayName("the same top-up key sent 50 times at once has one effect and 50 identical answers")
  void fiftyConcurrentTopUps() {
    Session user = app.client.newUser().await();
    String key = UUID.randomUUID().toString();
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    IntStream.range(0, 50).forEach(i -> calls.add(app.client.topUp(user.token(), 4_321, key)));
    List<HttpResponse<Buffer>> answers = Future.all(calls).await().list();

    Set<String> distinct = new HashSet<>();
    answers.forEach(r -> distinct.add(r.statusCode() + " " + r.bodyAsString()));
    assertEquals(1, distinct.size(), "answers differ: " + distinct);
    assertEquals(201, answers.get(0).statusCode());
    long replayed = answers.stream().filter(r -> "true".equals(r.getHeader("Idempotent-Replayed"))).count();
    assertEquals(49, replayed);
    assertEquals(4_321L, app.client.balance(user.token()).await());
    assertEquals(1, Audit.count(app, "ledger_entries"));
    Audit.assertLedgerMatchesBalances(app);
  }

  @Test
  @DisplayName("the same purchase key sent 50 times at once buys once and answers the same purchase 50 times")
  void fiftyConcurrentPurchases() {
    String eventId = app.client.createEvent(1_000, 100).await();
    Session user = app.client.newUserWithBalance(100_000).await();
    String key = UUID.randomUUID().toString();
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    IntStream.range(0, 50).forEach(i -> calls.add(app.client.buy(user.token(), eventId, 3, key)));
    List<HttpResponse<Buffer>> answers = Future.all(calls).await().list();

    Set<String> distinct = new HashSet<>();
    answers.forEach(r -> distinct.add(r.statusCode() + " " + r.bodyAsString()));
    assertEquals(1, distinct.size(), "answers differ: " + distinct);
    assertEquals(202, answers.get(0).statusCode());
    assertEquals(97_000L, app.client.balance(user.token()).await());
    assertEquals(3, Audit.seatsSold(app, eventId));
    assertEquals(1, Audit.count(app, "purchases"));
    assertEquals(1, Audit.count(app, "outbox"));
    Audit.assertLedgerMatchesBalances(app);
  }

  @Test
  @DisplayName("the same key with a different body is 422 idempotency_key_reused and changes nothing")
  void sameKeyDifferentBody() {
    Session user = app.client.newUser().await();
    String key = UUID.randomUUID().toString();
    assertEquals(201, app.client.topUp(user.token(), 500, key).await().statusCode());
    String before = Audit.snapshot(app);

    HttpResponse<Buffer> other = app.client.topUp(user.token(), 501, key).await();
    assertEquals(422, other.statusCode());
    assertEquals("idempotency_key_reused", other.bodyAsJsonObject().getString("error"));

    String eventId = app.client.createEvent(100, 10).await();
    String afterEvent = Audit.snapshot(app);
    HttpResponse<Buffer> crossEndpoint = app.client.buy(user.token(), eventId, 1, key).await();
    assertEquals(422, crossEndpoint.statusCode(), "a top-up key reused for a purchase");
    assertEquals(afterEvent, Audit.snapshot(app));
    assertTrue(before.contains("\"money\":500"), before);
    assertEquals(500L, app.client.balance(user.token()).await());
  }

  @Test
  @DisplayName("keys belong to their user: two users may use the same key independently")
  void keysArePerUser() {
    Session a = app.client.newUser().await();
    Session b = app.client.newUser().await();
    assertEquals(201, app.client.topUp(a.token(), 100, "shared-key").await().statusCode());
    assertEquals(201, app.client.topUp(b.token(), 200, "shared-key").await().statusCode());
    assertEquals(100L, app.client.balance(a.token()).await());
    assertEquals(200L, app.client.balance(b.token()).await());
  }

  @Test
  @DisplayName("a refused purchase is not stored: after a top-up the same key buys")
  void refusedPurchaseMayBeRetried() {
    String eventId = app.client.createEvent(1_000, 10).await();
    Session user = app.client.newUser().await();
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> refused = app.client.buy(user.token(), eventId, 1, key).await();
    assertEquals(409, refused.statusCode());
    assertEquals("insufficient_funds", refused.bodyAsJsonObject().getString("error"));
    assertEquals(201, app.client.topUp(user.token(), 1_000, UUID.randomUUID().toString()).await().statusCode());
    assertEquals(202, app.client.buy(user.token(), eventId, 1, key).await().statusCode());
    assertEquals(0L, app.client.balance(user.token()).await());
  }
}
