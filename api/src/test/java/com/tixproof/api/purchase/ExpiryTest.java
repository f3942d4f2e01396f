package com.tixproof.api.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.testing.ApiClient;
import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Audit;
import com.tixproof.api.testing.Eventually;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Unproven purchases expire and are refunded exactly once")
class ExpiryTest {
  static final Map<String, String> FAST_EXPIRY = Map.of(
      "PURCHASE_PROOF_TIMEOUT", "2s",
      "SWEEP_INTERVAL", "50ms",
      "CHALLENGE_SECRET_MAX", "2000");
  /** Two API processes on one database: two sweepers racing for the same rows. */
  static TestApi first;
  static TestApi second;

  @BeforeAll
  static void start() {
    first = TestApi.start(FAST_EXPIRY);
    second = TestApi.start(FAST_EXPIRY);
  }

  @AfterAll
  static void stop() {
    second.close();
    first.close();
  }

  @BeforeEach
  void reset() {
    first.reset();
  }

  @Test
  @DisplayName("with two sweepers running, 30 unproven purchases each expire once: one refund, seats back, balances whole")
  void twoSweepersRefundOnce() {
    long price = 700;
    String eventId = first.client.createEvent(price, 100).await();
    List<Session> buyers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      buyers.add(first.client.newUserWithBalance(10 * price).await());
    }
    List<Future<?>> buying = new ArrayList<>();
    for (Session b : buyers) {
      for (int q = 1; q <= 3; q++) {
        // alternate between the two processes, as a load balancer would
        ApiClient via = q % 2 == 0 ? second.client : first.client;
        buying.add(via.buy(b.token(), eventId, q, UUID.randomUUID().toString()).map(r -> {
          assertEquals(202, r.statusCode(), r.bodyAsString());
          return r;
        }));
      }
    }
    Future.all(buying).await();
    assertEquals(60, Audit.seatsSold(first, eventId));

    Eventually.waitUntil("nothing awaiting proof", () -> count("SELECT count(*) AS n FROM purchases WHERE status = 'AWAITING_PROOF'") == 0, 20_000);

    assertEquals(30, count("SELECT count(*) AS n FROM purchases WHERE status = 'EXPIRED'"));
    assertEquals(30, count("SELECT count(*) AS n FROM ledger_entries WHERE kind = 'REFUND'"));
    assertEquals(0, count("SELECT count(*) AS n FROM (SELECT purchase_id FROM ledger_entries WHERE kind = 'REFUND'"
        + " GROUP BY purchase_id HAVING count(*) > 1) twice"));
    assertEquals(30, count("SELECT count(*) AS n FROM outbox WHERE topic = 'purchase.expired'"));
    assertEquals(0, Audit.seatsSold(first, eventId));
    for (Session b : buyers) {
      assertEquals(10 * price, first.client.balance(b.token()).await());
    }
    Audit.assertLedgerMatchesBalances(first);
  }

  @Test
  @DisplayName("a proven purchase is never expired, and a proof that arrives after expiry is refused with invalid_state")
  void provenStaysLateProofRefused() {
    String eventId = first.client.createEvent(1_000, 10).await();
    Session buyer = first.client.newUserWithBalance(2_000).await();
    JsonObject proven = first.client.buy(buyer.token(), eventId, 1, UUID.randomUUID().toString()).await().bodyAsJsonObject();
    JsonObject late = first.client.buy(buyer.token(), eventId, 1, UUID.randomUUID().toString()).await().bodyAsJsonObject();

    var paid = first.client.submitSolutions(proven.getString("depositToken"), ApiClient.solve(proven, 2000)).await();
    assertEquals(200, paid.statusCode(), paid.bodyAsString());
    assertEquals("PAID", paid.bodyAsJsonObject().getString("status"));

    Eventually.waitUntil("nothing awaiting proof", () -> count("SELECT count(*) AS n FROM purchases WHERE status = 'AWAITING_PROOF'") == 0, 20_000);
    assertEquals("PAID", status(proven.getString("id")));
    assertEquals("EXPIRED", status(late.getString("id")));

    String before = Audit.snapshot(first);
    var refused = first.client.submitSolutions(late.getString("depositToken"), ApiClient.solve(late, 2000)).await();
    assertEquals(409, refused.statusCode());
    assertEquals("invalid_state", refused.bodyAsJsonObject().getString("error"));
    assertEquals(before, Audit.snapshot(first));
    assertEquals(1_000L, first.client.balance(buyer.token()).await());
    assertEquals(1, Audit.seatsSold(first, eventId));
    Audit.assertLedgerMatchesBalances(first);
  }

  @Test
  @DisplayName("the owner sees EXPIRED and the refund entry in the wallet history")
  void ownerSeesExpiryAndRefund() {
    String eventId = first.client.createEvent(1_500, 10).await();
    Session buyer = first.client.newUserWithBalance(1_500).await();
    JsonObject p = first.client.buy(buyer.token(), eventId, 1, UUID.randomUUID().toString()).await().bodyAsJsonObject();
    Eventually.waitUntil("expired", () -> "EXPIRED".equals(status(p.getString("id"))), 20_000);

    JsonObject seen = first.client.get("/api/purchases/" + p.getString("id"), buyer.token()).await().bodyAsJsonObject();
    assertEquals("EXPIRED", seen.getString("status"));
    var entries = first.client.get("/api/wallet/entries", buyer.token()).await().bodyAsJsonObject().getJsonArray("items");
    assertEquals(3, entries.size());
    JsonObject refund = entries.getJsonObject(0);
    assertEquals("REFUND", refund.getString("kind"));
    assertEquals(1_500L, refund.getLong("amount"));
    assertEquals(1_500L, refund.getLong("balanceAfter"));
    assertEquals(p.getString("id"), refund.getString("purchaseId"));
    assertEquals("PURCHASE", entries.getJsonObject(1).getString("kind"));
    assertEquals(-1_500L, entries.getJsonObject(1).getLong("amount"));
  }

  static String status(String purchaseId) {
    Row row = first.api.pool().preparedQuery("SELECT status FROM purchases WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(purchaseId))).await().iterator().next();
    return row.getString("status");
  }

  static long count(String sql) {
    return first.api.pool().query(sql).execute().await().iterator().next().getLong("n");
  }
}
