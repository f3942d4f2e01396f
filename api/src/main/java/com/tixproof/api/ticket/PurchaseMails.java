package com.tixproof.api.ticket;

import com.tixproof.api.http.Times;
import com.tixproof.api.mail.Mail;
import com.tixproof.api.mail.MailSender;
import com.tixproof.api.purchase.PurchaseStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buyer's e-mails, as outbox receivers: "your ticket is ready" (with the link) after
 * TICKET_READY, and "expired, refunded" after an expiry. The Message-ID is
 * {@code <kind.purchaseId@domain of MAIL_FROM>}, the same on every retry. A send that keeps failing
 * is retried by the outbox; it never touches the purchase or the money.
 */
public final class PurchaseMails {
  private static final Logger LOG = LoggerFactory.getLogger(PurchaseMails.class);
  static final String TICKET_READY = "ticket-ready";
  static final String EXPIRED = "purchase-expired";

  private final TicketRepository tickets;
  private final MailSender sender;
  private final String from;
  private final String domain;
  private final String organizer;
  private final Counter sent;

  public PurchaseMails(TicketRepository tickets, MailSender sender, String from, String organizer, MeterRegistry metrics) {
    this.tickets = tickets;
    this.sender = sender;
    this.from = from;
    this.organizer = organizer;
    String address = from.contains("<") ? from.substring(from.lastIndexOf('<') + 1, from.lastIndexOf('>')) : from.trim();
    this.domain = address.substring(address.indexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "");
    this.sent = Counter.builder("tixproof_mails_sent").description("e-mails handed to the mail sender").register(metrics);
  }

  /** Receiver of {@code mail.ticket_ready}: payload {@code {purchaseId}}. */
  public Future<Void> ticketReady(JsonObject payload) {
    return send(payload, TICKET_READY, facts -> {
      if (facts.status() != PurchaseStatus.TICKET_READY || facts.ticketUrl() == null) {
        throw new IllegalStateException("purchase " + facts.purchaseId() + " is " + facts.status() + ", not TICKET_READY");
      }
      String subject = "Your ticket: " + facts.eventName();
      String text = "Hello " + facts.buyerName() + ",\n\n"
          + "your ticket for " + facts.eventName() + " is ready.\n\n"
          + "Event:    " + facts.eventName() + "\n"
          + "Venue:    " + facts.venue() + "\n"
          + "Starts:   " + Times.iso(facts.startsAt()) + "\n"
          + "Tickets:  " + facts.quantity() + "\n"
          + "Paid:     " + facts.amount() + " " + facts.currency() + "\n"
          + "Code:     " + facts.ticketCode() + "\n\n"
          + "Download it (PDF with the QR code to show at the door):\n"
          + facts.ticketUrl() + "\n\n"
          + "— " + organizer + "\n";
      return new Mail(messageId(TICKET_READY, facts.purchaseId()), from, facts.buyerEmail(), subject, text);
    });
  }

  /** Receiver of {@code purchase.expired}: payload {@code {purchaseId, refunded}}. */
  public Future<Void> expired(JsonObject payload) {
    return send(payload, EXPIRED, facts -> {
      long refunded = payload.getLong("refunded", facts.amount());
      String subject = "Purchase expired, refunded: " + facts.eventName();
      String text = "Hello " + facts.buyerName() + ",\n\n"
          + "your purchase of " + facts.quantity() + " ticket(s) for " + facts.eventName()
          + " was not proven in time and has expired.\n"
          + refunded + " " + facts.currency() + " went back to your wallet; the seats are free again.\n\n"
          + "Purchase: " + facts.purchaseId() + "\n\n"
          + "— " + organizer + "\n";
      return new Mail(messageId(EXPIRED, facts.purchaseId()), from, facts.buyerEmail(), subject, text);
    });
  }

  String messageId(String kind, UUID purchaseId) {
    return "<" + kind + "." + purchaseId + "@" + domain + ">";
  }

  private Future<Void> send(JsonObject payload, String kind, java.util.function.Function<TicketFacts, Mail> compose) {
    UUID purchaseId = UUID.fromString(payload.getString("purchaseId"));
    return tickets.facts(purchaseId).compose(found -> {
      if (found.isEmpty()) {
        LOG.warn("{} mail for purchase {} not sent: the purchase does not exist", kind, purchaseId);
        return Future.succeededFuture();
      }
      Mail mail = compose.apply(found.get());
      return sender.send(mail).onSuccess(v -> {
        sent.increment();
        LOG.info("{} mail for purchase {} sent to user {} as {}", kind, purchaseId, found.get().userId(), mail.messageId());
      });
    });
  }
}
