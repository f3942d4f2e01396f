package com.tixproof.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Audit;
import com.tixproof.api.testing.EventStreamRecorder;
import com.tixproof.api.testing.Eventually;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A purchase is proven by the worker pool and its progress streams live")
class PoolEndToEndTest {
  static TestSystem system;
  static TestApi api;

  @BeforeAll
  static void start() {
    // Bigger secrets (~0.3 s of hashing per challenge), so the three challenges are solved at
    // visibly different times: the stream is subscribed long before the first, and no two land in
    // one callback. With 3,000,000 a loaded machine sometimes showed only the start and PAID.
    system = TestSystem.pool(Map.of("CHALLENGE_SECRET_MAX", "10000000", "TASK_SIZE", "250000"), "e2e");
    api = system.api();
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @BeforeEach
  void reset() {
    system.reset();
  }

  @Test
  @DisplayName("purchase → PAID through master and workers, the event stream showing solved k of K in order")
  void purchaseReachesPaidWithOrderedProgress() {
    String eventId = api.client.createEvent(5_000, 10).await();
    Session buyer = api.client.newUserWithBalance(5_000).await();
    JsonObject purchase = api.client.buy(buyer.token(), eventId, 1, UUID.randomUUID().toString()).await().bodyAsJsonObject();
    String id = purchase.getString("id");

    EventStreamRecorder stream = new EventStreamRecorder(api.vertx, api.port, id, buyer.token());
    List<JsonObject> events = stream.events;
    Eventually.waitUntil("the stream shows PAID", () -> "PAID".equals(stream.lastStatus()), 60_000);
    stream.close();
    assertEquals("text/event-stream; charset=utf-8", stream.contentType);

    JsonObject last = events.get(events.size() - 1);
    assertEquals(3, last.getInteger("solvedChallenges"));
    assertTrue(last.getJsonArray("challenges").stream().allMatch(c -> ((JsonObject) c).getBoolean("solved")));
    assertEquals("AWAITING_PROOF", events.get(0).getString("status"));
    assertTrue(events.size() >= 3, "expected progress events before PAID, got " + events);
    for (int i = 1; i < events.size(); i++) {
      JsonObject a = events.get(i - 1);
      JsonObject b = events.get(i);
      boolean forward = b.getInteger("solvedChallenges") > a.getInteger("solvedChallenges")
          || !a.getString("status").equals(b.getString("status"));
      assertTrue(forward && b.getInteger("solvedChallenges") >= a.getInteger("solvedChallenges"), "out of order: " + a + " then " + b);
    }
    JsonObject job = system.masterGet("/jobs/" + purchase.getString("depositToken"));
    assertEquals("SOLVED", job.getString("state"));
    assertEquals(0L, system.count("SELECT count(*) FROM master.tasks WHERE state IN ('NEW', 'QUEUED')"));
    Audit.assertLedgerMatchesBalances(api);
  }

  @Test
  @DisplayName("ten purchases at once all reach PAID, each debited once")
  void manyPurchasesAllPaid() {
    String eventId = api.client.createEvent(100, 100).await();
    for (int i = 0; i < 10; i++) {
      Session buyer = api.client.newUserWithBalance(100).await();
      assertEquals(202, api.client.buy(buyer.token(), eventId, 1, UUID.randomUUID().toString()).await().statusCode());
    }
    Eventually.waitUntil("all PAID", () -> system.count("SELECT count(*) FROM purchases WHERE status = 'PAID'") == 10, 120_000);
    assertEquals(10L, system.count("SELECT count(*) FROM ledger_entries WHERE kind = 'PURCHASE'"));
    assertEquals(0L, system.count("SELECT count(*) FROM wallets w JOIN users u ON u.id = w.user_id WHERE u.role = 'customer' AND balance <> 0"));
    assertTrue(system.masterMetrics().contains("tixproof_master_jobs_repeated_total 0.0"));
    Audit.assertLedgerMatchesBalances(api);
  }

  @Test
  @DisplayName("the status light: available with workers; false within seconds when they stop; true again when one starts")
  void availabilityFollowsWorkers() {
    Eventually.waitUntil("available", () -> status().getBoolean("available"), 10_000);
    JsonObject up = status();
    assertEquals(2, up.getInteger("workers"));
    assertTrue(up.getLong("solveRate") > 0);
    assertTrue(up.getDouble("expectedWaitSeconds") > 0);

    system.workers.forEach(w -> w.close());
    system.workers.clear();
    Eventually.waitUntil("unavailable within 10 s of the workers stopping", () -> !status().getBoolean("available"), 10_000);
    assertEquals(0, status().getInteger("workers"));

    system.startWorker("e2e-again");
    Eventually.waitUntil("available again", () -> status().getBoolean("available"), 10_000);
    system.startWorker("e2e-2b");
    JsonObject workers = system.masterGet("/workers");
    assertTrue(workers.getLong("workersNeeded") >= 1);
    assertFalse(workers.getJsonArray("workers").isEmpty());
  }

  static JsonObject status() {
    return api.client.get("/api/workers/status", null).await().bodyAsJsonObject();
  }
}
