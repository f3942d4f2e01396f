package com.tixproof.api.wallet;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's SQL. Every balance change is a guarded {@code UPDATE … RETURNING balance} plus one
 * appended entry in the same transaction, so the balance always equals the sum of the entries.
 */
public final class WalletRepository {
  private static final String BALANCE = "SELECT balance, currency FROM wallets WHERE user_id = $1";
  private static final String CREDIT =
      "UPDATE wallets SET balance = balance + $2, updated_at = now() WHERE user_id = $1 RETURNING balance";
  /**
   * Takes {@code $2} and appends the ledger row in one statement. The guard {@code balance >= $2} is
   * what makes a concurrent double spend impossible; when it fails nothing is inserted either.
   */
  private static final String DEBIT =
      "WITH debited AS (UPDATE wallets SET balance = balance - $2, updated_at = now() WHERE user_id = $1 AND balance >= $2 RETURNING balance)"
          + " INSERT INTO ledger_entries (user_id, kind, amount, balance_after, purchase_id)"
          + " SELECT $1, 'PURCHASE', -$2, balance, $3 FROM debited RETURNING id, balance_after, created_at";
  private static final String APPEND =
      "INSERT INTO ledger_entries (user_id, kind, amount, balance_after, purchase_id) VALUES ($1, $2, $3, $4, $5)"
          + " RETURNING id, created_at";
  private static final String PAGE =
      "SELECT id, kind, amount, balance_after, purchase_id, created_at FROM ledger_entries"
          + " WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3";
  /** Wallets whose balance differs from the sum of their ledger: must always be empty. */
  public static final String AUDIT =
      "SELECT w.user_id, w.balance, coalesce(l.total, 0) AS ledger_total FROM wallets w"
          + " LEFT JOIN (SELECT user_id, sum(amount) AS total FROM ledger_entries GROUP BY user_id) l USING (user_id)"
          + " WHERE w.balance <> coalesce(l.total, 0)";

  public record Balance(long balance, String currency) {}

  private final Pool pool;

  public WalletRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<Balance>> balance(UUID userId) {
    return pool.preparedQuery(BALANCE).execute(Tuple.of(userId)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new Balance(row.getLong("balance"), row.getString("currency")));
    });
  }

  /** Adds to the balance and appends the entry. */
  public static Future<LedgerEntry> credit(SqlClient tx, UUID userId, LedgerEntry.Kind kind, long amount, UUID purchaseId) {
    return tx.preparedQuery(CREDIT).execute(Tuple.of(userId, amount))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.failedFuture(new IllegalStateException("no wallet for user " + userId));
          }
          return append(tx, userId, kind, amount, rows.iterator().next().getLong("balance"), purchaseId);
        });
  }

  /** Takes from the balance if it covers {@code amount}; empty when it does not (nothing changed). */
  public static Future<Optional<LedgerEntry>> debit(SqlClient tx, UUID userId, long amount, UUID purchaseId) {
    return tx.preparedQuery(DEBIT).execute(Tuple.of(userId, amount, purchaseId)).map(rows -> {
      if (rows.rowCount() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new LedgerEntry(row.getLong("id"), LedgerEntry.Kind.PURCHASE, -amount, row.getLong("balance_after"), purchaseId,
          row.getOffsetDateTime("created_at")));
    });
  }

  public Future<List<LedgerEntry>> page(UUID userId, long before, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(userId, before, limit)).map(WalletRepository::entries);
  }

  private static Future<LedgerEntry> append(SqlClient tx, UUID userId, LedgerEntry.Kind kind, long amount, long balanceAfter, UUID purchaseId) {
    return tx.preparedQuery(APPEND).execute(Tuple.of(userId, kind.name(), amount, balanceAfter, purchaseId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new LedgerEntry(row.getLong("id"), kind, amount, balanceAfter, purchaseId, row.getOffsetDateTime("created_at"));
        });
  }

  private static List<LedgerEntry> entries(RowSet<Row> rows) {
    List<LedgerEntry> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      out.add(new LedgerEntry(row.getLong("id"), LedgerEntry.Kind.valueOf(row.getString("kind")), row.getLong("amount"),
          row.getLong("balance_after"), row.getUUID("purchase_id"), row.getOffsetDateTime("created_at")));
    }
    return out;
  }
}
