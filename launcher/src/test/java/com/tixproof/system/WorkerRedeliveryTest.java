package com.tixproof.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tixproof.api.testing.Eventually;
import com.tixproof.protocol.Challenges;
import com.tixproof.protocol.Queue;
import com.tixproof.protocol.ResultMessage;
import com.tixproof.protocol.TaskMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A worker remembers the challenges it solved, so it can stop sibling ranges at once; but only the
 * master's record is final. When Redis restarts empty, the master queues the unfinished ranges
 * again, including the one whose FOUND result was lost: the worker must report the secret again,
 * not call the range cancelled (which would leave the challenge without a secret and fail the job).
 */
@DisplayName("A worker that solved a challenge reports the secret again when its range comes back")
class WorkerRedeliveryTest {
  static TestSystem system;

  @BeforeAll
  static void start() {
    system = new TestSystem(Map.of()).startRedis();
    system.startWorker("redelivery-1");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  @DisplayName("FOUND, Redis emptied, the same range again → FOUND with the same secret; a sibling range → CANCELLED")
  void lostResultIsReportedAgain() {
    String job = UUID.randomUUID().toString();
    String challenge = "c-" + UUID.randomUUID();
    long secret = 12_345;
    String hash = Challenges.hash(job, challenge, secret);
    TaskMessage holding = new TaskMessage(1, job, challenge, hash, 1, 20_000);
    TaskMessage sibling = new TaskMessage(2, job, challenge, hash, 20_001, 40_000);

    try (Jedis redis = system.redis()) {
      createGroups(redis);
      redis.xadd(Queue.TASKS, StreamEntryID.NEW_ENTRY, holding.toFields());
      ResultMessage first = awaitResults(redis, 1).get(0);
      assertEquals(ResultMessage.Outcome.FOUND, first.outcome());
      assertEquals(secret, first.secret());

      // Redis restarts empty: the result is gone, and the master queues both ranges again
      redis.flushAll();
      createGroups(redis);
      redis.xadd(Queue.TASKS, StreamEntryID.NEW_ENTRY, holding.toFields());
      redis.xadd(Queue.TASKS, StreamEntryID.NEW_ENTRY, sibling.toFields());
      List<ResultMessage> again = awaitResults(redis, 2);
      ResultMessage forHolding = again.stream().filter(r -> r.taskId() == 1).findFirst().orElseThrow();
      ResultMessage forSibling = again.stream().filter(r -> r.taskId() == 2).findFirst().orElseThrow();
      assertEquals(ResultMessage.Outcome.FOUND, forHolding.outcome(), "the range holding the secret reports it again");
      assertEquals(secret, forHolding.secret());
      assertEquals(ResultMessage.Outcome.CANCELLED, forSibling.outcome());
    }
  }

  /** The group, as the master makes it (the worker may have made it already). */
  private static void createGroups(Jedis redis) {
    try {
      redis.xgroupCreate(Queue.TASKS, Queue.WORKERS_GROUP, new StreamEntryID(0, 0), true);
    } catch (JedisDataException e) {
      if (!e.getMessage().startsWith("BUSYGROUP")) {
        throw e;
      }
    }
  }

  private static List<ResultMessage> awaitResults(Jedis redis, int n) {
    List<ResultMessage> out = new ArrayList<>();
    Eventually.waitUntil(n + " results on the stream", () -> {
      out.clear();
      for (StreamEntry e : redis.xrange(Queue.RESULTS, "-", "+")) {
        out.add(ResultMessage.fromFields(e.getFields()));
      }
      return out.size() >= n;
    }, 30_000);
    return out;
  }
}
