package com.tixproof.api.wallet;

import com.tixproof.api.http.Auth;
import com.tixproof.api.http.Inputs;
import com.tixproof.api.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/wallet}, its top-ups and entries. */
public final class WalletRoutes {
  private final WalletService wallet;
  private final Auth auth;
  private final long topUpMax;

  public WalletRoutes(WalletService wallet, Auth auth, long topUpMax) {
    this.wallet = wallet;
    this.auth = auth;
    this.topUpMax = topUpMax;
  }

  public void mount(Router router) {
    router.get("/api/wallet").handler(auth.user()).handler(this::balance);
    router.post("/api/wallet/top-ups").handler(auth.user()).handler(this::topUp);
    router.get("/api/wallet/entries").handler(auth.user()).handler(this::entries);
  }

  private void balance(RoutingContext ctx) {
    wallet.balance(Auth.principal(ctx).userId())
        .onSuccess(b -> ctx.json(new JsonObject().put("balance", b.balance()).put("currency", b.currency())))
        .onFailure(ctx::fail);
  }

  private void topUp(RoutingContext ctx) {
    String key = Inputs.idempotencyKey(ctx);
    long amount = Inputs.integer(Inputs.body(ctx), "amount", 1, topUpMax);
    wallet.topUp(Auth.principal(ctx).userId(), key, amount)
        .onSuccess(answer -> Responses.send(ctx, answer))
        .onFailure(ctx::fail);
  }

  private void entries(RoutingContext ctx) {
    int limit = Inputs.limit(ctx, 20, 100);
    wallet.entries(Auth.principal(ctx).userId(), ctx.request().getParam("before"), limit)
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
