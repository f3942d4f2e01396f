package com.tixproof.api.ticket;

import com.tixproof.api.http.ApiException;
import com.tixproof.api.http.Auth;
import com.tixproof.api.http.ErrorCode;
import com.tixproof.api.http.Inputs;
import com.tixproof.api.purchase.PurchaseService;
import com.tixproof.api.purchase.PurchaseStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** The ticket endpoints: the published verification key, the door check, and the download redirect. */
public final class TicketRoutes {
  private final TicketVerifier verifier;
  private final PurchaseService purchases;
  private final Auth auth;
  private final JsonObject publicKey;

  public TicketRoutes(TicketVerifier verifier, TicketSigner signer, PurchaseService purchases, Auth auth) {
    this.verifier = verifier;
    this.purchases = purchases;
    this.auth = auth;
    this.publicKey = new JsonObject().put("algorithm", "Ed25519").put("publicKey", signer.publicKeyText());
  }

  public void mount(Router router) {
    router.get("/api/tickets/public-key").handler(ctx -> ctx.json(publicKey));
    router.post("/api/tickets/verify").handler(auth.user()).handler(auth.admin()).handler(this::verify);
    router.get("/api/purchases/:id/ticket").handler(auth.user()).handler(this::download);
  }

  private void verify(RoutingContext ctx) {
    JsonObject body = Inputs.body(ctx);
    Object token = body.getValue("token");
    if (token == null) {
      throw ApiException.invalid("token is required");
    }
    if (!(token instanceof String text)) {
      throw ApiException.invalid("token must be a string");
    }
    verifier.verify(text, Auth.principal(ctx).userId()).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** 302 to the ticket's link once it is ready; before that 409, since the purchase exists but has no ticket yet. */
  private void download(RoutingContext ctx) {
    UUID id = Inputs.id(ctx.pathParam("id"), "purchase");
    purchases.get(Auth.principal(ctx).userId(), id).onSuccess(p -> {
      if (p.status() != PurchaseStatus.TICKET_READY || p.ticketUrl() == null) {
        ctx.fail(new ApiException(ErrorCode.INVALID_STATE, "purchase is " + p.status() + "; its ticket is not ready"));
        return;
      }
      ctx.response().setStatusCode(302).putHeader("Location", p.ticketUrl()).putHeader("Cache-Control", "no-store").end();
    }).onFailure(ctx::fail);
  }
}
