package com.tixproof.api.ticket;

import static com.tixproof.api.testing.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Eventually;
import com.tixproof.api.testing.FakeTicketFunction;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The door check over HTTP, with the token the ticket function was given (the QR payload), and
 * the offline check with only the published key.
 */
@DisplayName("Verifying tickets: valid once as a first check-in, refused when tampered, foreign or unknown; admins only")
class TicketVerifyTest {
  static final long SECRET_MAX = 2_000;
  static final byte[] SEED = new byte[32];
  static FakeTicketFunction function;
  static TestApi app;
  static String admin;

  Session buyer;
  String eventId;
  JsonObject purchase;
  String token;

  @BeforeAll
  static void start() throws IOException {
    new SecureRandom().nextBytes(SEED);
    Path dataDir = Files.createTempDirectory("tixproof-verify");
    function = new FakeTicketFunction(dataDir.resolve("tickets"), "http://127.0.0.1/files");
    app = TestApi.start(Map.of(
        "DATA_DIR", dataDir.toString(),
        "CHALLENGE_SECRET_MAX", Long.toString(SECRET_MAX),
        "OUTBOX_POLL_INTERVAL", "200ms",
        "TICKET_SIGNING_KEY", Base64.getUrlEncoder().withoutPadding().encodeToString(SEED),
        "LOGIN_MAX_PER_MINUTE_PER_EMAIL", "1000000"), function);
    admin = app.client.adminToken().await();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A ticket rendered for a fresh purchase of two; {@link #token} is what its QR code holds. */
  @BeforeEach
  void ticket() {
    app.reset();
    function.inputs.clear();
    eventId = app.client.createEvent(1_000, 20).await();
    buyer = app.client.newUserWithBalance(10_000).await();
    purchase = app.client.buyAndProve(buyer.token(), eventId, 2, SECRET_MAX).await();
    String id = purchase.getString("id");
    Eventually.waitUntil("the ticket is rendered", () -> function.inputs.stream().anyMatch(i -> id.equals(i.getString("purchaseId"))), 20_000);
    token = function.inputs.stream().filter(i -> id.equals(i.getString("purchaseId"))).findFirst().orElseThrow().getString("token");
  }

  HttpResponse<Buffer> verify(String as, Object token) {
    return app.client.post("/api/tickets/verify", as, new JsonObject().put("token", token)).await();
  }

  JsonObject verifyOk(Object token) {
    HttpResponse<Buffer> res = verify(admin, token);
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  static JsonObject invalid() {
    return new JsonObject().put("valid", false).put("firstCheckIn", false);
  }

  @Test
  @DisplayName("the rendered ticket's token is valid: purchase, event, holder and quantity, first check-in; a second scan says firstCheckIn false")
  void validThenSecondScan() {
    JsonObject first = verifyOk(token);
    assertTrue(first.getBoolean("valid"));
    assertTrue(first.getBoolean("firstCheckIn"));
    assertEquals(purchase.getString("id"), first.getString("purchaseId"));
    assertEquals("Test User", first.getString("holder"));
    assertEquals(2, first.getInteger("quantity"));
    assertEquals(TicketCode.of(UUID.fromString(purchase.getString("id"))), first.getString("ticketCode"));
    JsonObject event = first.getJsonObject("event");
    assertEquals(eventId, event.getString("id"));
    assertEquals("Test venue", event.getString("venue"));
    assertTrue(event.getString("name").startsWith("Test event"));
    assertTrue(event.getString("startsAt").endsWith("Z"));

    JsonObject second = verifyOk(token);
    assertTrue(second.getBoolean("valid"));
    assertFalse(second.getBoolean("firstCheckIn"));
    assertEquals(first.getString("checkedInAt"), second.getString("checkedInAt"), "both name the first check-in");
  }

  @Test
  @DisplayName("a tampered token is valid:false and checks nobody in")
  void tampered() {
    byte[] raw = Base64.getUrlDecoder().decode(token);
    raw[33] = 9; // quantity 2 → 9
    assertEquals(invalid(), verifyOk(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)));
    char inSignature = token.charAt(token.length() - 2);
    String flippedSignature = token.substring(0, token.length() - 2) + (inSignature == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    assertEquals(invalid(), verifyOk(flippedSignature));
    assertEquals(0L, checkIns());
    assertTrue(verifyOk(token).getBoolean("firstCheckIn"), "the real one is still a first check-in");
  }

  @Test
  @DisplayName("garbage tokens are valid:false; a body without a string token is 400")
  void garbageAndMalformed() {
    for (String g : List.of("", "garbage", "A".repeat(3000), "eyJ0eXAiOiJKV1QifQ.e30.sig")) {
      assertEquals(invalid(), verifyOk(g), g.length() > 30 ? g.substring(0, 30) : g);
    }
    assertError(verify(admin, 12345), 400, "invalid_request");
    assertError(app.client.post("/api/tickets/verify", admin, new JsonObject()).await(), 400, "invalid_request");
    assertError(app.client.send(io.vertx.core.http.HttpMethod.POST, "/api/tickets/verify", admin, Buffer.buffer("{not json")).await(),
        400, "invalid_request");
  }

  @Test
  @DisplayName("a correctly signed token for a purchase that does not exist, or that claims something else, is valid:false")
  void unknownOrMismatchedPurchase() {
    TicketSigner sameKey = new TicketSigner(SEED);
    TicketClaims real = sameKey.verify(token).orElseThrow();
    TicketClaims unknown = new TicketClaims(UUID.randomUUID(), real.eventId(), real.quantity(), real.holder(), real.depositToken(), real.secretsDigest());
    assertEquals(invalid(), verifyOk(sameKey.sign(unknown)));
    TicketClaims moreSeats = new TicketClaims(real.purchaseId(), real.eventId(), 5, real.holder(), real.depositToken(), real.secretsDigest());
    assertEquals(invalid(), verifyOk(sameKey.sign(moreSeats)));
    TicketClaims otherHolder = new TicketClaims(real.purchaseId(), real.eventId(), real.quantity(), "Mallory", real.depositToken(), real.secretsDigest());
    assertEquals(invalid(), verifyOk(sameKey.sign(otherHolder)));
    TicketClaims otherProof = new TicketClaims(real.purchaseId(), real.eventId(), real.quantity(), real.holder(), real.depositToken(), new byte[32]);
    assertEquals(invalid(), verifyOk(sameKey.sign(otherProof)));
    assertEquals(0L, checkIns());
  }

  @Test
  @DisplayName("twenty scans of one ticket at once: exactly one is the first check-in")
  void concurrentScans() {
    List<Future<HttpResponse<Buffer>>> scans = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      scans.add(app.client.post("/api/tickets/verify", admin, new JsonObject().put("token", token)));
    }
    Future.all(scans).await();
    long firsts = scans.stream().map(f -> f.result().bodyAsJsonObject()).peek(b -> assertTrue(b.getBoolean("valid"), b.encode()))
        .filter(b -> b.getBoolean("firstCheckIn")).count();
    assertEquals(1, firsts);
    assertEquals(1L, checkIns());
  }

  @Test
  @DisplayName("a customer gets 403 forbidden and no one checks in; without a token 401")
  void adminsOnly() {
    assertError(verify(buyer.token(), token), 403, "forbidden");
    assertError(verify(null, token), 401, "unauthorized");
    assertEquals(0L, checkIns());
  }

  @Test
  @DisplayName("GET /api/tickets/public-key publishes the Ed25519 key; with it alone the ticket verifies offline to the purchase's claims")
  void offlineWithThePublishedKey() {
    HttpResponse<Buffer> res = app.client.get("/api/tickets/public-key", null).await();
    assertEquals(200, res.statusCode());
    JsonObject key = res.bodyAsJsonObject();
    assertEquals("Ed25519", key.getString("algorithm"));
    byte[] publicKey = Base64.getUrlDecoder().decode(key.getString("publicKey"));
    assertEquals(32, publicKey.length);

    Optional<TicketClaims> claims = TicketSigner.verify(token, publicKey);
    assertTrue(claims.isPresent());
    assertEquals(purchase.getString("id"), claims.get().purchaseId().toString());
    assertEquals(eventId, claims.get().eventId().toString());
    assertEquals(2, claims.get().quantity());
    assertEquals("Test User", claims.get().holder());
    assertEquals(purchase.getString("depositToken"), claims.get().depositToken().toString());
    // the payment proof, recomputed from the solutions as a third party holding them would
    JsonObject solutions = com.tixproof.api.testing.ApiClient.solve(purchase, SECRET_MAX);
    List<PaymentProof.Solved> solved = new ArrayList<>();
    solutions.getJsonArray("solutions").forEach(s -> solved.add(new PaymentProof.Solved(((JsonObject) s).getString("challengeId"),
        ((JsonObject) s).getLong("secret"))));
    assertTrue(java.util.Arrays.equals(PaymentProof.secretsDigest(purchase.getString("depositToken"), solved), claims.get().secretsDigest()));

    byte[] otherKey = publicKey.clone();
    otherKey[5] ^= 1;
    assertEquals(Optional.empty(), TicketSigner.verify(token, otherKey));
  }

  long checkIns() {
    return app.api.pool().query("SELECT count(*) FROM ticket_check_ins").execute().await().iterator().next().getLong(0);
  }
}
