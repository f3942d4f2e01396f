package com.tixproof.api.ticket;

import static com.tixproof.api.testing.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Audit;
import com.tixproof.api.testing.Eventually;
import com.tixproof.api.testing.EventStreamRecorder;
import com.tixproof.api.testing.FakeTicketFunction;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Delivery of a paid purchase's ticket through the outbox, with an in-process ticket function
 * that writes into the file store: PAID → TICKET_READY, the link, the e-mail, and the faults.
 */
@DisplayName("Ticket delivery: PAID becomes TICKET_READY with a link and one e-mail, through failures, never touching the money")
class TicketDeliveryTest {
  static final long SECRET_MAX = 2_000;
  static final long PRICE = 2_500;
  static final int MAX_ATTEMPTS = 3;
  static Path dataDir;
  static FakeTicketFunction function;
  static TestApi app;

  String eventId;
  com.tixproof.api.testing.ApiClient.Session buyer;

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory("tixproof-delivery");
    int port = TestApi.freePort();
    function = new FakeTicketFunction(dataDir.resolve("tickets"), "http://127.0.0.1:" + port + "/files");
    app = TestApi.start(Map.of(
        "DATA_DIR", dataDir.toString(),
        "PORT", Integer.toString(port),
        "PUBLIC_BASE_URL", "http://127.0.0.1:" + port,
        "CHALLENGE_SECRET_MAX", Long.toString(SECRET_MAX),
        "OUTBOX_POLL_INTERVAL", "200ms",
        "TICKET_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS),
        "TICKET_ORGANIZER", "Tixproof Test Org",
        "LOGIN_MAX_PER_MINUTE_PER_EMAIL", "1000000"), function);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void reset() {
    app.reset();
    function.inputs.clear();
    function.links.clear();
    function.failNext(0);
    function.down(false);
    eventId = app.client.createEvent(PRICE, 50).await();
    buyer = app.client.newUserWithBalance(10 * PRICE).await();
  }

  JsonObject fetch(String id) {
    HttpResponse<Buffer> res = app.client.get("/api/purchases/" + id, buyer.token()).await();
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  String status(String id) {
    return fetch(id).getString("status");
  }

  long count(String sql, Object param) {
    return app.api.pool().preparedQuery(sql).execute(io.vertx.sqlclient.Tuple.of(param)).await().iterator().next().getLong(0);
  }

  List<Path> mails(String purchaseId) {
    Path outbox = dataDir.resolve("outbox");
    if (!Files.isDirectory(outbox)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(outbox)) {
      return files.filter(f -> f.getFileName().toString().contains(purchaseId)).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static MimeMessage parse(Path eml) throws Exception {
    try (InputStream in = Files.newInputStream(eml)) {
      return new MimeMessage(jakarta.mail.Session.getInstance(new Properties()), in);
    }
  }

  boolean mailDelivered(String purchaseId) {
    return count("SELECT count(*) FROM outbox WHERE topic = 'mail.ticket_ready' AND message_key = $1 AND delivered_at IS NOT NULL", purchaseId) == 1;
  }

  @Test
  @DisplayName("purchase → PAID → TICKET_READY: the stream shows it with the link, the ticket redirect answers 409 before and 302 after, the link serves the PDF, one .eml carries it")
  void paidBecomesTicketReady() throws Exception {
    HttpResponse<Buffer> bought = app.client.buy(buyer.token(), eventId, 2, UUID.randomUUID().toString()).await();
    JsonObject purchase = bought.bodyAsJsonObject();
    String id = purchase.getString("id");
    assertError(ticket(id, buyer.token()), 409, "invalid_state");

    try (EventStreamRecorder stream = new EventStreamRecorder(app.vertx, app.port, id, buyer.token())) {
      Eventually.waitUntil("the stream opened", () -> !stream.events.isEmpty(), 10_000);
      JsonObject proof = com.tixproof.api.testing.ApiClient.solve(purchase, SECRET_MAX);
      assertEquals(200, app.client.submitSolutions(purchase.getString("depositToken"), proof).await().statusCode());
      Eventually.waitUntil("the stream shows TICKET_READY", () -> "TICKET_READY".equals(stream.lastStatus()), 20_000);
      JsonObject last = stream.events.get(stream.events.size() - 1);
      assertTrue(last.getString("ticketUrl").startsWith("http://127.0.0.1:" + app.port + "/files/tickets/"), last.encode());
      assertEquals(TicketCode.of(UUID.fromString(id)), last.getString("ticketCode"));
      assertTrue(stream.events.stream().anyMatch(e -> "PAID".equals(e.getString("status"))), "PAID before the ticket: " + stream.events);
    }

    assertEquals(1, function.calls());
    JsonObject input = function.inputs.get(0);
    assertEquals(Set.of("purchaseId", "ticketCode", "token", "organizer", "buyerName", "buyerEmail", "eventName", "venue",
        "startsAt", "quantity", "amount", "currency"), input.fieldNames(), "exactly the contract's input");
    assertEquals(id, input.getString("purchaseId"));
    assertEquals("Tixproof Test Org", input.getString("organizer"));
    assertEquals("Test User", input.getString("buyerName"));
    assertEquals(buyer.email(), input.getString("buyerEmail"));
    assertEquals("Test venue", input.getString("venue"));
    assertEquals(2, input.getValue("quantity"));
    assertEquals(2 * PRICE, ((Number) input.getValue("amount")).longValue());
    assertTrue(input.getValue("quantity") instanceof Integer, "quantity is a JSON integer");
    assertEquals("CLP", input.getString("currency"));

    JsonObject ready = fetch(id);
    assertEquals("TICKET_READY", ready.getString("status"));
    HttpResponse<Buffer> redirect = ticket(id, buyer.token());
    assertEquals(302, redirect.statusCode(), redirect.bodyAsString());
    assertEquals(ready.getString("ticketUrl"), redirect.getHeader("Location"));
    HttpResponse<Buffer> pdf = app.client.get(URI.create(redirect.getHeader("Location")).getPath(), null).await();
    assertEquals(200, pdf.statusCode());
    assertEquals("application/pdf", pdf.getHeader("Content-Type"));
    assertTrue(pdf.bodyAsString().startsWith("%PDF-"));

    Session other = app.client.newUser().await();
    assertError(ticket(id, other.token()), 404, "not_found");

    Eventually.waitUntil("the e-mail is sent", () -> mailDelivered(id), 20_000);
    List<Path> mails = mails(id);
    assertEquals(1, mails.size(), "one e-mail: " + mails);
    MimeMessage mail = parse(mails.get(0));
    assertEquals("<ticket-ready." + id + "@tixproof.local>", mail.getMessageID());
    assertEquals(buyer.email(), mail.getAllRecipients()[0].toString());
    assertTrue(mail.getSubject().contains("Your ticket"), mail.getSubject());
    assertTrue(String.valueOf(mail.getContent()).contains(ready.getString("ticketUrl")), "the link is in the mail: " + mail.getContent());
    Audit.assertLedgerMatchesBalances(app);
  }

  @Test
  @DisplayName("the function failing twice, then succeeding: one ticket, one e-mail, the two failures counted on the purchase")
  void failsTwiceThenSucceeds() throws Exception {
    function.failNext(2);
    String id = app.client.buyAndProve(buyer.token(), eventId, 1, SECRET_MAX).await().getString("id");
    Eventually.waitUntil("TICKET_READY", () -> "TICKET_READY".equals(status(id)), 30_000);
    Eventually.waitUntil("the e-mail is sent", () -> mailDelivered(id), 20_000);

    assertEquals(3, function.calls());
    assertEquals(1, function.links.size(), "one ticket stored");
    JsonObject ready = fetch(id);
    assertEquals(2, ready.getInteger("ticketAttempts"));
    assertNull(ready.getString("ticketError"));
    assertEquals(function.links.get(0).url(), ready.getString("ticketUrl"));
    assertEquals(1, count("SELECT count(*) FROM outbox WHERE topic = 'mail.ticket_ready' AND message_key = $1", id));
    List<Path> mails = mails(id);
    assertEquals(1, mails.size(), "one e-mail: " + mails);
    assertTrue(String.valueOf(parse(mails.get(0)).getContent()).contains(ready.getString("ticketUrl")));
  }

  @Test
  @DisplayName("storage down: the purchase stays PAID with its money and seats untouched, the redirect says 409, and it completes when storage returns")
  void storageDownThenBack() {
    function.down(true);
    long before = app.client.balance(buyer.token()).await();
    String id = app.client.buyAndProve(buyer.token(), eventId, 3, SECRET_MAX).await().getString("id");
    Eventually.waitUntil("two render attempts", () -> function.calls() >= 2, 20_000);

    assertEquals("PAID", status(id));
    assertEquals(before - 3 * PRICE, app.client.balance(buyer.token()).await(), "debited once, not refunded");
    assertEquals(0, count("SELECT count(*) FROM ledger_entries WHERE kind = 'REFUND' AND purchase_id = $1", UUID.fromString(id)));
    assertEquals(3, Audit.seatsSold(app, eventId));
    assertError(ticket(id, buyer.token()), 409, "invalid_state");
    assertTrue(mails(id).isEmpty(), "no e-mail before the ticket");

    function.down(false);
    Eventually.waitUntil("TICKET_READY once storage is back", () -> "TICKET_READY".equals(status(id)), 30_000);
    assertEquals(302, ticket(id, buyer.token()).statusCode());
    assertEquals(before - 3 * PRICE, app.client.balance(buyer.token()).await());
    Audit.assertLedgerMatchesBalances(app);
  }

  @Test
  @DisplayName("after TICKET_MAX_ATTEMPTS failed renders the purchase shows ticketError and tixproof_tickets_failed counts it; delivery still completes later")
  void failureAfterTheLimitIsVisible() {
    double failedBefore = metric("tixproof_tickets_failed_total");
    function.down(true);
    String id = app.client.buyAndProve(buyer.token(), eventId, 1, SECRET_MAX).await().getString("id");
    Eventually.waitUntil("ticketError on the purchase", () -> fetch(id).containsKey("ticketError"), 30_000);

    JsonObject failed = fetch(id);
    assertEquals("PAID", failed.getString("status"));
    assertTrue(failed.getInteger("ticketAttempts") >= MAX_ATTEMPTS, failed.encode());
    assertFalse(failed.containsKey("ticketUrl"));
    assertEquals(failedBefore + 1, metric("tixproof_tickets_failed_total"));
    assertNotNull(app.api.pool().preparedQuery("SELECT last_error FROM tickets WHERE purchase_id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(id))).await().iterator().next().getString("last_error"));

    function.down(false);
    Eventually.waitUntil("TICKET_READY after all", () -> "TICKET_READY".equals(status(id)), 60_000);
    assertFalse(fetch(id).containsKey("ticketError"));
    assertEquals(failedBefore + 1, metric("tixproof_tickets_failed_total"), "counted once");
  }

  /** GET the ticket redirect without following it. */
  HttpResponse<Buffer> ticket(String purchaseId, String token) {
    return app.client.web().get("/api/purchases/" + purchaseId + "/ticket").bearerTokenAuthentication(token).followRedirects(false).send().await();
  }

  double metric(String name) {
    String text = app.client.get("/metrics", null).await().bodyAsString();
    return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
