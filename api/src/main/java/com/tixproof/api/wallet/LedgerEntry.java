package com.tixproof.api.wallet;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One immutable movement of a wallet. {@code amount} is signed: debits are negative. */
public record LedgerEntry(long id, Kind kind, long amount, long balanceAfter, UUID purchaseId, OffsetDateTime createdAt) {

  public enum Kind { TOP_UP, PURCHASE, REFUND }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", Long.toString(id))
        .put("kind", kind.name())
        .put("amount", amount)
        .put("balanceAfter", balanceAfter)
        .put("createdAt", com.tixproof.api.http.Times.iso(createdAt));
    if (purchaseId != null) {
      json.put("purchaseId", purchaseId.toString());
    }
    return json;
  }
}
