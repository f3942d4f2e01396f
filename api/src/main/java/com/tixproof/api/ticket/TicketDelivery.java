package com.tixproof.api.ticket;

import com.tixproof.api.purchase.PurchaseStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code purchase.paid} outbox receiver: signs the ticket token, has the function render and
 * store the PDF, then (one transaction) stores the link, moves PAID → TICKET_READY and enqueues the
 * e-mail. A failure leaves the purchase PAID (the money is never touched) and is retried by the
 * outbox with backoff; after {@code TICKET_MAX_ATTEMPTS} failures the purchase shows
 * {@code ticketError} and {@code tixproof_tickets_failed} counts it, while retries go on every 30 s.
 * A redelivery after success changes nothing.
 */
public final class TicketDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(TicketDelivery.class);

  private final TicketRepository tickets;
  private final TicketSigner signer;
  private final TicketFunction function;
  private final String organizer;
  private final int maxAttempts;
  private final Counter rendered;
  private final Counter failedAttempts;
  private final Counter failed;

  public TicketDelivery(TicketRepository tickets, TicketSigner signer, TicketFunction function, String organizer, int maxAttempts,
      MeterRegistry metrics) {
    this.tickets = tickets;
    this.signer = signer;
    this.function = function;
    this.organizer = organizer;
    this.maxAttempts = maxAttempts;
    this.rendered = Counter.builder("tixproof_tickets_rendered").description("tickets rendered and stored (TICKET_READY)").register(metrics);
    this.failedAttempts = Counter.builder("tixproof_ticket_render_failures").description("ticket renders that failed and will be retried").register(metrics);
    this.failed = Counter.builder("tixproof_tickets_failed")
        .description("purchases whose ticket failed TICKET_MAX_ATTEMPTS renders (still retried)").register(metrics);
  }

  /** The outbox receiver: payload {@code {purchaseId}}. */
  public Future<Void> deliver(JsonObject payload) {
    UUID purchaseId = UUID.fromString(payload.getString("purchaseId"));
    return tickets.facts(purchaseId).compose(found -> {
      if (found.isEmpty()) {
        LOG.warn("ticket for purchase {} not rendered: the purchase does not exist", purchaseId);
        return Future.succeededFuture();
      }
      TicketFacts facts = found.get();
      if (facts.status() != PurchaseStatus.PAID) {
        LOG.debug("ticket for purchase {} not rendered: it is {}", purchaseId, facts.status());
        return Future.succeededFuture();
      }
      String code = facts.ticketCode();
      String token = signer.sign(facts.claims());
      return function.render(facts.renderInput(token, organizer))
          .recover(err -> countFailure(purchaseId, code, err).compose(v -> Future.failedFuture(err)))
          .compose(link -> tickets.markReady(purchaseId, code, token, link).map(moved -> {
            if (moved) {
              rendered.increment();
              LOG.info("purchase {} ticket {} ready at {}", purchaseId, code, link.url());
            } else {
              LOG.info("purchase {} ticket rendered again after it was ready; kept the first ({} unused)", purchaseId, link.key());
            }
            return null;
          }));
    });
  }

  private Future<Void> countFailure(UUID purchaseId, String code, Throwable err) {
    failedAttempts.increment();
    String error = err.getClass().getSimpleName() + ": " + err.getMessage();
    return tickets.recordFailure(purchaseId, code, error, maxAttempts).map(attempts -> {
      if (attempts == maxAttempts) {
        failed.increment();
        LOG.error("purchase {} ticket failed {} renders, shown as failed, still retrying: {}", purchaseId, attempts, error);
      } else {
        LOG.warn("purchase {} ticket render {} failed: {}", purchaseId, attempts, error);
      }
      return (Void) null;
    }).otherwise(recordErr -> {
      LOG.warn("purchase {} ticket render failed ({}) and the failure could not be recorded: {}", purchaseId, error, recordErr.toString());
      return null;
    });
  }
}
