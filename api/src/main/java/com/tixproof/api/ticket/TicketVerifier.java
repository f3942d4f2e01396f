package com.tixproof.api.ticket;

import com.tixproof.api.http.Times;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door check: a token is valid when its signature is ours and every claim (event, quantity,
 * holder, deposit token, secrets digest) matches a purchase that is PAID or TICKET_READY. A valid
 * scan records the first check-in; later scans say {@code firstCheckIn: false}.
 */
public final class TicketVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(TicketVerifier.class);
  private static final JsonObject INVALID = new JsonObject().put("valid", false).put("firstCheckIn", false);

  private final TicketRepository tickets;
  private final TicketSigner signer;
  private final Counter scans;
  private final Counter refused;

  public TicketVerifier(TicketRepository tickets, TicketSigner signer, MeterRegistry metrics) {
    this.tickets = tickets;
    this.signer = signer;
    this.scans = Counter.builder("tixproof_ticket_scans").description("ticket tokens presented at the door").register(metrics);
    this.refused = Counter.builder("tixproof_ticket_scans_refused").description("ticket tokens refused (bad signature or no matching purchase)").register(metrics);
  }

  public Future<JsonObject> verify(String token, UUID staffId) {
    scans.increment();
    Optional<TicketClaims> claims = signer.verify(token);
    if (claims.isEmpty()) {
      refused.increment();
      LOG.info("ticket scan by {} refused: not a token we signed", staffId);
      return Future.succeededFuture(INVALID.copy());
    }
    UUID purchaseId = claims.get().purchaseId();
    return tickets.facts(purchaseId).compose(found -> {
      if (found.isEmpty() || !found.get().status().isProven() || !found.get().claims().equals(claims.get())) {
        refused.increment();
        LOG.info("ticket scan by {} refused: purchase {} {}", staffId, purchaseId,
            found.map(f -> "is " + f.status() + " or does not match the token").orElse("does not exist"));
        return Future.succeededFuture(INVALID.copy());
      }
      TicketFacts facts = found.get();
      return tickets.checkIn(purchaseId, staffId).map(checkIn -> {
        LOG.info("ticket {} of purchase {} scanned by {}: {}", facts.ticketCode(), purchaseId, staffId,
            checkIn.first() ? "first check-in" : "already checked in at " + Times.iso(checkIn.at()));
        return new JsonObject()
            .put("valid", true)
            .put("purchaseId", purchaseId.toString())
            .put("ticketCode", facts.ticketCode())
            .put("event", facts.eventJson())
            .put("holder", claims.get().holder())
            .put("quantity", facts.quantity())
            .put("firstCheckIn", checkIn.first())
            .put("checkedInAt", Times.iso(checkIn.at()));
      });
    });
  }
}
