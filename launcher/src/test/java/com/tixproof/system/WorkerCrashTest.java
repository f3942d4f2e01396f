package com.tixproof.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Audit;
import com.tixproof.api.testing.Eventually;
import com.tixproof.api.testing.TestApi;
import com.tixproof.protocol.Queue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

@DisplayName("A worker killed in the middle of a task loses nothing")
class WorkerCrashTest {
  static TestSystem system;
  static TestApi api;

  @BeforeAll
  static void start() {
    // one challenge of long ranges (~1 s each), so the kill lands inside a task
    system = new TestSystem(Map.of("CHALLENGE_SECRET_MAX", "30000000", "TASK_SIZE", "15000000", "CHALLENGES_PER_PURCHASE", "1"))
        .startRedis();
    api = system.startApi();
    system.startMaster();
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  @DisplayName("kill -9 of a worker process mid-task: another worker reclaims and finishes it, the purchase is PAID, nothing stays pending")
  void killedWorkerTaskIsReclaimed() throws Exception {
    Process doomed = system.startWorkerProcess("doomed");
    Eventually.waitUntil("worker process up", () -> system.masterGet("/workers").getInteger("workerCount") == 1, 20_000);

    String eventId = api.client.createEvent(1_000, 10).await();
    Session buyer = api.client.newUserWithBalance(1_000).await();
    JsonObject purchase = api.client.buy(buyer.token(), eventId, 1, UUID.randomUUID().toString()).await().bodyAsJsonObject();

    Eventually.waitUntil("the process holds a task", () -> pendingFor("doomed") > 0, 20_000);
    doomed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no acknowledgement
    assertTrue(pendingFor("doomed") > 0, "the killed worker's task is still pending");

    system.startWorker("rescuer");
    Eventually.waitUntil("PAID", () -> "PAID".equals(status(buyer, purchase)), 60_000);

    try (Jedis jedis = new Jedis("127.0.0.1", system.redisPort)) {
      Eventually.waitUntil("nothing pending", () -> jedis.xpending(Queue.TASKS, Queue.WORKERS_GROUP).getTotal() == 0, 20_000);
    }
    assertEquals(0L, system.count("SELECT count(*) FROM master.tasks WHERE state IN ('NEW', 'QUEUED')"));
    JsonObject job = system.masterGet("/jobs/" + purchase.getString("depositToken"));
    JsonArray challenges = job.getJsonArray("challenges");
    assertEquals("SOLVED", job.getString("state"));
    assertTrue(challenges.getJsonObject(0).getString("solvedBy").startsWith("rescuer") || doomedSolvedBeforeDying(challenges),
        "solved by " + challenges.getJsonObject(0).getString("solvedBy"));
    assertEquals(1L, system.count("SELECT count(*) FROM ledger_entries WHERE kind = 'PURCHASE'"));
    Audit.assertLedgerMatchesBalances(api);
  }

  /** The first range may have held the secret and been reported before the kill; then no takeover was needed for the proof. */
  private static boolean doomedSolvedBeforeDying(JsonArray challenges) {
    return challenges.getJsonObject(0).getString("solvedBy", "").startsWith("doomed");
  }

  static long pendingFor(String workerPrefix) {
    try (Jedis jedis = new Jedis("127.0.0.1", system.redisPort)) {
      var summary = jedis.xpending(Queue.TASKS, Queue.WORKERS_GROUP);
      if (summary.getConsumerMessageCount() == null) {
        return 0;
      }
      return summary.getConsumerMessageCount().entrySet().stream()
          .filter(e -> e.getKey().startsWith(workerPrefix)).mapToLong(Map.Entry::getValue).sum();
    } catch (RuntimeException noGroupYet) {
      return 0;
    }
  }

  static String status(Session buyer, JsonObject purchase) {
    return api.client.get("/api/purchases/" + purchase.getString("id"), buyer.token()).await().bodyAsJsonObject().getString("status");
  }
}
