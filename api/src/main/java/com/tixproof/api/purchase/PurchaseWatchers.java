package com.tixproof.api.purchase;

import io.vertx.core.Context;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who in this process is watching which purchase (open event streams), fed by the
 * {@code purchase_changed} notifications that every API process receives. A change is read once
 * and handed to each watcher on its own event loop.
 */
public final class PurchaseWatchers {
  private static final Logger LOG = LoggerFactory.getLogger(PurchaseWatchers.class);

  private record Watcher(Context context, Consumer<Purchase> onChange) {}

  private final Pool pool;
  private final Map<UUID, Set<Watcher>> watchers = new ConcurrentHashMap<>();

  public PurchaseWatchers(Pool pool) {
    this.pool = pool;
  }

  /** Starts watching; run the returned action to stop. */
  public Runnable watch(UUID purchaseId, Context context, Consumer<Purchase> onChange) {
    Watcher w = new Watcher(context, onChange);
    watchers.computeIfAbsent(purchaseId, id -> ConcurrentHashMap.newKeySet()).add(w);
    return () -> watchers.computeIfPresent(purchaseId, (id, set) -> {
      set.remove(w);
      return set.isEmpty() ? null : set;
    });
  }

  /** The {@code purchase_changed} handler: the payload is the purchase id. */
  public void changed(String payload) {
    UUID id;
    try {
      id = UUID.fromString(payload);
    } catch (IllegalArgumentException notOurs) {
      return;
    }
    if (!watchers.containsKey(id)) {
      return;
    }
    PurchaseRepository.get(pool, id)
        .onSuccess(p -> watchers.getOrDefault(id, Set.of()).forEach(w -> w.context().runOnContext(v -> w.onChange().accept(p))))
        .onFailure(err -> LOG.warn("purchase {} changed but could not be read: {}", id, err.toString()));
  }
}
