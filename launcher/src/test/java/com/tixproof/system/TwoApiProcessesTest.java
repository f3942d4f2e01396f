package com.tixproof.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Eventually;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Two API processes on one database behave as one")
class TwoApiProcessesTest {
  static TestSystem system;
  static TestApi callbacksLandHere;
  static TestApi clientWatchesHere;

  @BeforeAll
  static void start() {
    system = new TestSystem(Map.of("CHALLENGE_SECRET_MAX", "1000000", "TASK_SIZE", "100000")).startRedis();
    callbacksLandHere = system.startApi();   // the master's API_URL points at the first
    clientWatchesHere = system.startApi();
    system.startMaster();
    system.startWorker("two-api-1");
    system.startWorker("two-api-2");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  @DisplayName("a client streaming from one process sees progress whose callbacks land on the other; no outbox row is sent twice")
  void progressCrossesProcesses() {
    system.reset();
    String eventId = clientWatchesHere.client.createEvent(100, 100).await();
    Session buyer = clientWatchesHere.client.newUserWithBalance(10_000).await();
    String first = clientWatchesHere.client.buy(buyer.token(), eventId, 1, UUID.randomUUID().toString()).await()
        .bodyAsJsonObject().getString("id");

    List<String> data = new CopyOnWriteArrayList<>();
    HttpClient client = clientWatchesHere.vertx.createHttpClient();
    client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(clientWatchesHere.port)
            .setURI("/api/purchases/" + first + "/events?access_token=" + buyer.token()))
        .compose(req -> req.send())
        .onSuccess(res -> res.handler(chunk -> {
          for (String line : chunk.toString().split("\n")) {
            if (line.startsWith("data: ")) {
              data.add(line);
            }
          }
        }));
    // more purchases, half through each process, so both relays race for the outbox
    for (int i = 0; i < 10; i++) {
      TestApi via = i % 2 == 0 ? callbacksLandHere : clientWatchesHere;
      assertEquals(202, via.client.buy(buyer.token(), eventId, 1, UUID.randomUUID().toString()).await().statusCode());
    }
    Eventually.waitUntil("the stream on the watching process shows PAID", () -> data.stream().anyMatch(d -> d.contains("\"status\":\"PAID\"")), 60_000);
    client.close();
    Eventually.waitUntil("all PAID", () -> system.count("SELECT count(*) FROM purchases WHERE status = 'PAID'") == 11, 120_000);

    assertTrue(data.size() >= 2, "progress before PAID: " + data);
    String metrics = system.masterMetrics();
    assertTrue(metrics.contains("tixproof_master_jobs_accepted_total 11.0"), "jobs accepted: " + grep(metrics, "jobs_"));
    assertTrue(metrics.contains("tixproof_master_jobs_repeated_total 0.0"), "a job was sent twice: " + grep(metrics, "jobs_"));
    assertEquals(11L, system.count("SELECT count(*) FROM outbox WHERE topic = 'challenge.job' AND delivered_at IS NOT NULL AND attempts = 1"));
    assertEquals(0L, system.count("SELECT count(*) FROM master.challenges WHERE callback_state <> 'DELIVERED'"));
  }

  private static String grep(String text, String word) {
    return String.join("\n", text.lines().filter(l -> l.contains(word) && !l.startsWith("#")).toList());
  }
}
