package com.tixproof.api.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Eventually;
import com.tixproof.api.testing.FakeTicketFunction;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The SMTP sender against a real SMTP server on loopback (GreenMail), started late to make the first send fail. */
@DisplayName("E-mail over SMTP: one mail per ticket with its link even when the first send fails; a mail when a purchase expires and is refunded")
class SmtpMailTest {
  static final int SMTP_PORT = TestApi.freePort();
  static FakeTicketFunction function;
  static TestApi app;
  GreenMail smtp;
  Session buyer;
  String eventId;

  @BeforeAll
  static void start() throws IOException {
    Path dataDir = Files.createTempDirectory("tixproof-smtp");
    function = new FakeTicketFunction(dataDir.resolve("tickets"), "http://127.0.0.1/files");
    app = TestApi.start(Map.of(
        "DATA_DIR", dataDir.toString(),
        "SMTP_HOST", "127.0.0.1",
        "SMTP_PORT", Integer.toString(SMTP_PORT),
        "SMTP_STARTTLS", "disabled",
        "MAIL_FROM", "Tixproof Tickets <tickets@tixproof.test>",
        "CHALLENGE_SECRET_MAX", "2000",
        "OUTBOX_POLL_INTERVAL", "200ms",
        "PURCHASE_PROOF_TIMEOUT", "2s",
        "SWEEP_INTERVAL", "200ms",
        "LOGIN_MAX_PER_MINUTE_PER_EMAIL", "1000000"), function);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void reset() {
    app.reset();
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
    eventId = app.client.createEvent(3_000, 10).await();
    buyer = app.client.newUserWithBalance(10_000).await();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  Row mailRow(String topic, String purchaseId) {
    var rows = app.api.pool().preparedQuery("SELECT attempts, delivered_at FROM outbox WHERE topic = $1 AND message_key = $2")
        .execute(Tuple.of(topic, purchaseId)).await();
    return rows.iterator().hasNext() ? rows.iterator().next() : null;
  }

  List<MimeMessage> receivedBy(String email) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(email);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @Test
  @DisplayName("the SMTP server down at TICKET_READY: the send fails, is retried, and exactly one mail with the link arrives")
  void oneMailPerTicketThroughARetry() throws Exception {
    String id = app.client.buyAndProve(buyer.token(), eventId, 2, 2_000).await().getString("id");
    Eventually.waitUntil("a failed first send", () -> {
      Row r = mailRow("mail.ticket_ready", id);
      return r != null && r.getInteger("attempts") >= 1 && r.getValue("delivered_at") == null;
    }, 20_000);

    smtp.start();
    Eventually.waitUntil("the mail delivered", () -> mailRow("mail.ticket_ready", id).getValue("delivered_at") != null, 60_000);

    List<MimeMessage> mails = receivedBy(buyer.email());
    assertEquals(1, mails.size());
    MimeMessage mail = mails.get(0);
    JsonObject ready = app.client.get("/api/purchases/" + id, buyer.token()).await().bodyAsJsonObject();
    assertEquals("TICKET_READY", ready.getString("status"));
    assertEquals("<ticket-ready." + id + "@tixproof.test>", mail.getMessageID());
    assertEquals("tickets@tixproof.test", ((jakarta.mail.internet.InternetAddress) mail.getFrom()[0]).getAddress());
    String body = String.valueOf(mail.getContent());
    assertTrue(body.contains(ready.getString("ticketUrl")), body);
    assertTrue(body.contains(TicketCode.of(UUID.fromString(id))), body);
    assertEquals(1, function.links.stream().filter(l -> ready.getString("ticketUrl").equals(l.url())).count());
  }

  @Test
  @DisplayName("an unproven purchase expires: one mail says it expired and how much was refunded")
  void expiryMail() throws Exception {
    smtp.start();
    JsonObject purchase = app.client.buy(buyer.token(), eventId, 3, UUID.randomUUID().toString()).await().bodyAsJsonObject();
    String id = purchase.getString("id");
    Eventually.waitUntil("expired and mailed", () -> {
      Row r = mailRow("purchase.expired", id);
      return r != null && r.getValue("delivered_at") != null;
    }, 30_000);
    List<MimeMessage> mails = receivedBy(buyer.email());
    assertEquals(1, mails.size());
    MimeMessage mail = mails.get(0);
    assertEquals("<purchase-expired." + id + "@tixproof.test>", mail.getMessageID());
    assertTrue(mail.getSubject().startsWith("Purchase expired, refunded"), mail.getSubject());
    String body = String.valueOf(mail.getContent());
    assertTrue(body.contains("9000 CLP went back to your wallet"), body);
    assertEquals(10_000L, app.client.balance(buyer.token()).await());
  }
}
