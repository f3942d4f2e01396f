package com.tixproof.api.purchase;

import com.tixproof.api.http.ApiException;
import com.tixproof.api.http.ErrorCode;
import com.tixproof.api.http.Inputs;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/internal/payments/{depositToken}/solutions}: the worker pool's callback. The
 * signature over the raw body is checked before anything is parsed.
 */
public final class SolutionRoutes {
  private static final int MAX_SOLUTIONS = 64;
  private final PurchaseService purchases;
  private final CallbackSignature signature;

  public SolutionRoutes(PurchaseService purchases, CallbackSignature signature) {
    this.purchases = purchases;
    this.signature = signature;
  }

  public void mount(Router router) {
    router.post("/api/internal/payments/:depositToken/solutions").handler(this::submit);
  }

  private void submit(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    byte[] bytes = raw == null ? new byte[0] : raw.getBytes();
    if (!signature.verify(bytes, ctx.request().getHeader("X-Signature"))) {
      throw new ApiException(ErrorCode.UNAUTHORIZED, "X-Signature does not match the body");
    }
    UUID depositToken = Inputs.id(ctx.pathParam("depositToken"), "payment");
    List<PurchaseService.Solution> solutions = parse(Inputs.body(ctx));
    purchases.prove(depositToken, solutions).onSuccess(p -> ctx.json(p.toJson())).onFailure(ctx::fail);
  }

  static List<PurchaseService.Solution> parse(JsonObject body) {
    Object value = body.getValue("solutions");
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_SOLUTIONS) {
      throw ApiException.invalid("solutions must be a list of 1 to " + MAX_SOLUTIONS + " {challengeId, secret}");
    }
    List<PurchaseService.Solution> out = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof JsonObject s)) {
        throw ApiException.invalid("each solution must be an object {challengeId, secret}");
      }
      String challengeId = Inputs.text(s, "challengeId", 200);
      out.add(new PurchaseService.Solution(challengeId, secret(s.getValue("secret"))));
    }
    return out;
  }

  /** A JSON integer, or a decimal string of one (no sign, no leading zeros). */
  private static long secret(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof String s && s.matches("[1-9][0-9]{0,17}")) {
      return Long.parseLong(s);
    }
    throw ApiException.invalid("secret must be a positive integer");
  }
}
