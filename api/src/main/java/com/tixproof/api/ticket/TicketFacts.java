package com.tixproof.api.ticket;

import com.tixproof.api.http.Times;
import com.tixproof.api.purchase.PurchaseStatus;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Everything a ticket, its token and its e-mails say about a purchase, read in one query. */
public record TicketFacts(
    UUID purchaseId, PurchaseStatus status, UUID userId, UUID eventId, int quantity, long amount, UUID depositToken,
    String ticketUrl, String eventName, String venue, OffsetDateTime startsAt, String buyerName, String buyerEmail,
    String currency, List<PaymentProof.Solved> solutions) {

  /** The claims the purchase's ticket token carries (and a presented token must match). */
  public TicketClaims claims() {
    return new TicketClaims(purchaseId, eventId, quantity, TicketClaims.holderOf(buyerName), depositToken,
        PaymentProof.secretsDigest(depositToken.toString(), solutions));
  }

  public String ticketCode() {
    return TicketCode.of(purchaseId);
  }

  /** The ticket function's input, exactly the contract's flat object. */
  public JsonObject renderInput(String token, String organizer) {
    return new JsonObject()
        .put("purchaseId", purchaseId.toString())
        .put("ticketCode", ticketCode())
        .put("token", token)
        .put("organizer", organizer)
        .put("buyerName", buyerName)
        .put("buyerEmail", buyerEmail)
        .put("eventName", eventName)
        .put("venue", venue)
        .put("startsAt", Times.iso(startsAt))
        .put("quantity", quantity)
        .put("amount", amount)
        .put("currency", currency);
  }

  /** The event as the verify answer shows it to door staff. */
  public JsonObject eventJson() {
    return new JsonObject().put("id", eventId.toString()).put("name", eventName).put("venue", venue).put("startsAt", Times.iso(startsAt));
  }
}
