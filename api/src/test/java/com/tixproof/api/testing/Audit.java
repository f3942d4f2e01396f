package com.tixproof.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.wallet.WalletRepository;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Checks on the stored state that must hold after any test (read straight from PostgreSQL). */
public final class Audit {
  private Audit() {}

  /** Sum of ledger entries = balance, for every wallet (the audit query operators run). */
  public static void assertLedgerMatchesBalances(TestApi app) {
    List<String> broken = new ArrayList<>();
    for (Row r : app.api.pool().query(WalletRepository.AUDIT).execute().await()) {
      broken.add(r.getUUID("user_id") + ": balance " + r.getLong("balance") + " ledger " + r.getLong("ledger_total"));
    }
    assertTrue(broken.isEmpty(), "wallets out of step with their ledger: " + broken);
  }

  public static void assertNoNegativeBalance(TestApi app) {
    long negative = app.api.pool().query("SELECT count(*) AS n FROM wallets WHERE balance < 0").execute().await()
        .iterator().next().getLong("n");
    assertEquals(0, negative);
  }

  public static int seatsSold(TestApi app, String eventId) {
    return app.api.pool().preparedQuery("SELECT sold FROM events WHERE id = $1").execute(Tuple.of(UUID.fromString(eventId))).await()
        .iterator().next().getInteger("sold");
  }

  /** A row count, for "nothing changed" checks. */
  public static long count(TestApi app, String table) {
    return app.api.pool().query("SELECT count(*) AS n FROM " + table).execute().await().iterator().next().getLong("n");
  }

  /** Counts of every table that a request could change: compare before and after a refused request. */
  public static String snapshot(TestApi app) {
    return app.api.pool().query(
            "SELECT (SELECT count(*) FROM users) AS users, (SELECT coalesce(sum(balance), 0) FROM wallets) AS money,"
                + " (SELECT count(*) FROM ledger_entries) AS entries, (SELECT count(*) FROM events) AS events,"
                + " (SELECT coalesce(sum(sold), 0) FROM events) AS sold, (SELECT count(*) FROM purchases) AS purchases,"
                + " (SELECT count(*) FROM purchase_challenges WHERE solved_at IS NOT NULL) AS solved,"
                + " (SELECT count(*) FROM idempotency_keys) AS keys, (SELECT count(*) FROM outbox) AS outbox,"
                + " (SELECT string_agg(status, ',' ORDER BY id) FROM purchases) AS statuses")
        .execute().await().iterator().next().toJson().encode();
  }
}
