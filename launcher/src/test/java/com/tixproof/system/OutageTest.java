package com.tixproof.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Audit;
import com.tixproof.api.testing.Eventually;
import com.tixproof.api.testing.TestApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Purchases survive the master and Redis going away")
class OutageTest {
  static TestSystem system;
  static TestApi api;

  @BeforeAll
  static void start() {
    system = TestSystem.pool(Map.of("CHALLENGE_SECRET_MAX", "400000", "TASK_SIZE", "50000"), "outage");
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
  @DisplayName("the master down while the API takes purchases: all are PAID once it is back")
  void masterDownWhileBuying() {
    system.stopMaster();
    List<Session> buyers = buy(8);
    sleep(3_000);
    assertEquals(8L, system.count("SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND topic = 'challenge.job'"));
    system.startMaster();
    assertAllPaidOnce(buyers);
  }

  @Test
  @DisplayName("the master restarted in the middle of jobs: all are PAID, none twice")
  void masterRestartedMidJob() {
    List<Session> buyers = buy(8);
    Eventually.waitUntil("some work started", () -> system.count("SELECT count(*) FROM master.tasks WHERE state <> 'NEW'") > 0, 20_000);
    system.stopMaster();
    sleep(1_000);
    system.startMaster();
    assertAllPaidOnce(buyers);
  }

  @Test
  @DisplayName("Redis stopped for 10 s while purchases arrive (and restarted empty): all are PAID, none twice")
  void redisStoppedTenSeconds() {
    List<Session> before = buy(4);
    system.stopRedis();
    List<Session> during = buy(6);
    sleep(10_000);
    system.startRedis();
    List<Session> all = new ArrayList<>(before);
    all.addAll(during);
    assertAllPaidOnce(all);
  }

  private List<Session> buy(int n) {
    String eventId = api.client.createEvent(300, 100).await();
    List<Session> buyers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Session s = api.client.newUserWithBalance(1_000).await();
      assertEquals(202, api.client.buy(s.token(), eventId, 1, UUID.randomUUID().toString()).await().statusCode());
      buyers.add(s);
    }
    return buyers;
  }

  private void assertAllPaidOnce(List<Session> buyers) {
    int n = buyers.size();
    Eventually.waitUntil("all " + n + " PAID", () -> system.count("SELECT count(*) FROM purchases WHERE status = 'PAID'") == n, 120_000);
    assertEquals(n, system.count("SELECT count(*) FROM purchases"));
    assertEquals(n, system.count("SELECT count(*) FROM ledger_entries WHERE kind = 'PURCHASE'"));
    assertEquals(0L, system.count("SELECT count(*) FROM ledger_entries WHERE kind = 'REFUND'"));
    assertEquals(n, system.count("SELECT count(*) FROM master.jobs WHERE state = 'SOLVED'"));
    for (Session s : buyers) {
      assertEquals(700L, api.client.balance(s.token()).await(), "each wallet debited exactly once");
    }
    Audit.assertLedgerMatchesBalances(api);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
