package com.tixproof.api.purchase;

import com.tixproof.api.http.Times;
import com.tixproof.api.ticket.TicketCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A purchase with its challenges, as the owner (and the wire) sees it. */
public record Purchase(
    UUID id, UUID userId, UUID eventId, String eventName, int quantity, long amount, PurchaseStatus status,
    UUID depositToken, String ticketUrl, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime expiresAt,
    List<Challenge> challenges, TicketProgress ticket) {

  /**
   * How ticket delivery is going: failed render attempts so far, and whether they reached
   * {@code TICKET_MAX_ATTEMPTS} (the purchase then shows {@code ticketError}; delivery keeps trying).
   */
  public record TicketProgress(int attempts, boolean failed) {
    public static final TicketProgress NONE = new TicketProgress(0, false);
  }

  /** When the row was created, last changed, and when it expires unless proven. */
  public record Timestamps(OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime expiresAt) {}

  /** One payment challenge; the secret is never shown. */
  public record Challenge(String challengeId, String challengeHash, boolean solved) {}

  public int solvedChallenges() {
    return (int) challenges.stream().filter(Challenge::solved).count();
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    for (Challenge c : challenges) {
      list.add(new JsonObject().put("challengeId", c.challengeId()).put("challengeHash", c.challengeHash()).put("solved", c.solved()));
    }
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("eventId", eventId.toString())
        .put("eventName", eventName)
        .put("quantity", quantity)
        .put("amount", amount)
        .put("status", status.name())
        .put("depositToken", depositToken.toString())
        .put("challenges", list)
        .put("solvedChallenges", solvedChallenges())
        .put("totalChallenges", challenges.size())
        .put("createdAt", Times.iso(createdAt))
        .put("updatedAt", Times.iso(updatedAt))
        .put("expiresAt", Times.iso(expiresAt));
    if (ticketUrl != null) {
      json.put("ticketUrl", ticketUrl);
    }
    if (status.isProven()) {
      json.put("ticketCode", TicketCode.of(id));
    }
    if (ticket.attempts() > 0) {
      json.put("ticketAttempts", ticket.attempts());
    }
    if (ticket.failed() && status == PurchaseStatus.PAID) {
      json.put("ticketError", "the ticket could not be rendered after " + ticket.attempts() + " attempts; delivery keeps retrying");
    }
    return json;
  }
}
