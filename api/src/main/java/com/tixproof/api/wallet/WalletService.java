package com.tixproof.api.wallet;

import com.tixproof.api.http.ApiException;
import com.tixproof.api.idempotency.IdempotentExecutor;
import com.tixproof.api.idempotency.StoredResponse;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Balance, top-ups and the entry history. */
public final class WalletService {
  private static final Logger LOG = LoggerFactory.getLogger(WalletService.class);

  private final WalletRepository wallets;
  private final IdempotentExecutor idempotent;

  public WalletService(WalletRepository wallets, IdempotentExecutor idempotent) {
    this.wallets = wallets;
    this.idempotent = idempotent;
  }

  public Future<WalletRepository.Balance> balance(UUID userId) {
    return wallets.balance(userId).map(b -> b.orElseThrow(() -> ApiException.notFound("wallet")));
  }

  public Future<StoredResponse> topUp(UUID userId, String idempotencyKey, long amount) {
    String fingerprint = IdempotentExecutor.fingerprint("top-up", amount);
    return idempotent.run(userId, idempotencyKey, fingerprint, tx ->
        WalletRepository.credit(tx, userId, LedgerEntry.Kind.TOP_UP, amount, null).map(entry -> {
          LOG.info("wallet {} topped up {}, entry {}, balance {}", userId, amount, entry.id(), entry.balanceAfter());
          JsonObject body = new JsonObject().put("entry", entry.toJson()).put("balance", entry.balanceAfter());
          return StoredResponse.first(201, body.encode());
        }));
  }

  /** A page of entries, newest first; {@code next} is the cursor for the following page, or null. */
  public Future<JsonObject> entries(UUID userId, String before, int limit) {
    long cursor = Long.MAX_VALUE;
    if (before != null && !before.isEmpty()) {
      try {
        cursor = Long.parseLong(before);
      } catch (NumberFormatException bad) {
        throw ApiException.invalid("before must be an entry id from a previous page");
      }
    }
    return wallets.page(userId, cursor, limit + 1).map(rows -> {
      List<LedgerEntry> page = rows.size() > limit ? rows.subList(0, limit) : rows;
      JsonArray items = new JsonArray();
      page.forEach(e -> items.add(e.toJson()));
      String next = rows.size() > limit ? Long.toString(page.get(page.size() - 1).id()) : null;
      return new JsonObject().put("items", items).put("next", next);
    });
  }
}
