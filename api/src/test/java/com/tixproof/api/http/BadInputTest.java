package com.tixproof.api.http;

import static com.tixproof.api.testing.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tixproof.api.purchase.CallbackSignature;
import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Audit;
import com.tixproof.api.testing.TestApi;
import com.tixproof.protocol.Challenges;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal answers with its 4xx status and the {@code {"error", "message"}} body of
 * {@code API.md}, and leaves the stored state exactly as it was. Each test sets up a buyer with
 * money, an event and a purchase first, so "nothing changed" is checked against a non-empty state.
 */
@DisplayName("Bad input is refused with the documented error and changes nothing")
class BadInputTest {
  static TestApi app;

  Session buyer;
  Session other;
  String eventId;
  JsonObject purchase;

  @BeforeAll
  static void start() {
    // every test creates an event, which logs the admin in: lift the per-e-mail login limit (LoginRateLimitTest covers it)
    app = TestApi.start(Map.of("LOGIN_MAX_PER_MINUTE_PER_EMAIL", "1000000"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void setUp() {
    app.reset();
    buyer = app.client.newUserWithBalance(50_000).await();
    other = app.client.newUserWithBalance(50_000).await();
    eventId = app.client.createEvent(1_000, 100).await();
    HttpResponse<Buffer> bought = app.client.buy(buyer.token(), eventId, 2, UUID.randomUUID().toString()).await();
    assertEquals(202, bought.statusCode(), bought.bodyAsString());
    purchase = bought.bodyAsJsonObject();
  }

  /** Sends the request and checks the error answer and that the stored state is unchanged. */
  static HttpResponse<Buffer> refused(int status, String code, Supplier<Future<HttpResponse<Buffer>>> request) {
    String before = Audit.snapshot(app);
    HttpResponse<Buffer> res = request.get().await();
    assertError(res, status, code);
    assertEquals(before, Audit.snapshot(app), "a refused request changed the stored state");
    return res;
  }

  Future<HttpResponse<Buffer>> topUpRaw(String token, String key, String json) {
    return app.client.postWithKey("/api/wallet/top-ups", token, key, Buffer.buffer(json));
  }

  Future<HttpResponse<Buffer>> buyRaw(String json) {
    return app.client.postWithKey("/api/purchases", buyer.token(), UUID.randomUUID().toString(), Buffer.buffer(json));
  }

  @Nested
  @DisplayName("Top-ups")
  class TopUps {
    static Stream<Arguments> badAmounts() {
      return Stream.of(
          arguments(named("a negative amount", "{\"amount\": -5}")),
          arguments(named("a zero amount", "{\"amount\": 0}")),
          arguments(named("a fractional amount (1.5)", "{\"amount\": 1.5}")),
          arguments(named("an amount sent as text (\"100\")", "{\"amount\": \"100\"}")),
          arguments(named("an amount of 10^30, beyond any integer type", "{\"amount\": 1000000000000000000000000000000}")),
          arguments(named("no amount at all", "{}")),
          arguments(named("an amount of null", "{\"amount\": null}")),
          arguments(named("an amount one above TOP_UP_MAX (10000001)", "{\"amount\": 10000001}")));
    }

    @ParameterizedTest(name = "{0} is 400 invalid_request")
    @MethodSource("badAmounts")
    @DisplayName("A top-up with a bad amount is refused")
    void badAmount(String json) {
      refused(400, "invalid_request", () -> topUpRaw(buyer.token(), UUID.randomUUID().toString(), json));
    }

    @Test
    @DisplayName("A top-up without an Idempotency-Key is 400 idempotency_key_required")
    void missingIdempotencyKey() {
      refused(400, "idempotency_key_required", () -> topUpRaw(buyer.token(), null, "{\"amount\": 100}"));
    }

    static Stream<Arguments> badBodies() {
      return Stream.of(
          arguments(named("malformed JSON ({\"amount\": 5)", "{\"amount\": 5")),
          arguments(named("a JSON array", "[{\"amount\": 5}]")),
          arguments(named("a bare JSON number", "5")),
          arguments(named("an empty body", "")));
    }

    @ParameterizedTest(name = "{0} is 400 invalid_request")
    @MethodSource("badBodies")
    @DisplayName("A top-up whose body is not a JSON object is refused")
    void badBody(String raw) {
      refused(400, "invalid_request", () -> topUpRaw(buyer.token(), UUID.randomUUID().toString(), raw));
    }

    @Test
    @DisplayName("A 2 MB body with a Content-Length is answered 413 payload_too_large, readable by the client, and the connection ends")
    void twoMegabytesWithContentLength() throws IOException {
      String before = Audit.snapshot(app);
      RawAnswer answer = RawHttp.post(app.port, "/api/wallet/top-ups", headers(), twoMegabyteBody(), false);
      assertError(answer.status(), answer.header("content-type"), answer.body(), 413, "payload_too_large");
      assertEquals("close", answer.header("connection"));
      assertTrue(answer.closedAfter(), "the server said Connection: close but kept the connection open");
      assertEquals(before, Audit.snapshot(app));
    }

    @Test
    @DisplayName("A 2 MB body sent chunked (no Content-Length) is answered 413 payload_too_large too, and the connection ends")
    void twoMegabytesChunked() throws IOException {
      String before = Audit.snapshot(app);
      RawAnswer answer = RawHttp.post(app.port, "/api/wallet/top-ups", headers(), twoMegabyteBody(), true);
      assertError(answer.status(), answer.header("content-type"), answer.body(), 413, "payload_too_large");
      assertTrue(answer.closedAfter(), "the server said Connection: close but kept the connection open");
      assertEquals(before, Audit.snapshot(app));
    }

    @Test
    @DisplayName("A client that declares 2 MB and stops sending gets its 413 at once and is then disconnected")
    void stalledOversizedBody() throws IOException {
      String before = Audit.snapshot(app);
      RawAnswer answer = RawHttp.postStalled(app.port, "/api/wallet/top-ups", headers(), 2 * 1024 * 1024,
          "{\"amount\": 100, \"pad\": \"".getBytes(StandardCharsets.US_ASCII));
      assertError(answer.status(), answer.header("content-type"), answer.body(), 413, "payload_too_large");
      assertTrue(answer.closedAfter(), "a connection with an unread oversized body was kept open");
      assertEquals(before, Audit.snapshot(app));
    }

    @Test
    @DisplayName("A 2 MB body sent with the ordinary web client is read back as 413 payload_too_large")
    void twoMegabytesWithWebClient() {
      refused(413, "payload_too_large", () -> topUpRaw(buyer.token(), UUID.randomUUID().toString(),
          new String(twoMegabyteBody(), StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("A body just over 64 KiB is 413, and one just under is accepted")
    void bodyLimitBoundary() {
      int limit = 64 * 1024;
      String under = paddedTopUp(limit);
      assertEquals(limit, under.getBytes(StandardCharsets.UTF_8).length);
      String over = paddedTopUp(limit + 1);
      refused(413, "payload_too_large", () -> topUpRaw(buyer.token(), UUID.randomUUID().toString(), over));
      assertEquals(201, topUpRaw(buyer.token(), UUID.randomUUID().toString(), under).await().statusCode());
    }

    /** {@code {"amount":100,"pad":"xxx…"}} of exactly {@code size} bytes. */
    private String paddedTopUp(int size) {
      String empty = "{\"amount\":100,\"pad\":\"\"}";
      return empty.substring(0, empty.length() - 2) + "x".repeat(size - empty.length()) + "\"}";
    }

    private Map<String, String> headers() {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Authorization", "Bearer " + buyer.token());
      h.put("Idempotency-Key", UUID.randomUUID().toString());
      h.put("Content-Type", "application/json");
      return h;
    }

    /** A well-formed top-up padded to 2 MB, so only its size is wrong. */
    private byte[] twoMegabyteBody() {
      char[] pad = new char[2 * 1024 * 1024];
      Arrays.fill(pad, 'x');
      return new JsonObject().put("amount", 100).put("pad", new String(pad)).toBuffer().getBytes();
    }
  }

  @Nested
  @DisplayName("Purchases")
  class Purchases {
    @Test
    @DisplayName("Buying an unknown event (a random UUID) is 404 not_found")
    void unknownEvent() {
      refused(404, "not_found", () -> app.client.buy(buyer.token(), UUID.randomUUID().toString(), 1, UUID.randomUUID().toString()));
    }

    @ParameterizedTest(name = "event id \"{0}\" is 404 not_found")
    @ValueSource(strings = {"not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g", "' OR 1=1 --"})
    @DisplayName("Buying with an event id that is not a UUID is 404 not_found, like any unknown id")
    void malformedEventId(String id) {
      refused(404, "not_found", () -> app.client.buy(buyer.token(), id, 1, UUID.randomUUID().toString()));
    }

    @ParameterizedTest(name = "quantity {0} is 400 invalid_request")
    @ValueSource(ints = {0, 11, -1})
    @DisplayName("Buying a quantity outside 1..10 is refused")
    void quantityOutOfRange(int quantity) {
      refused(400, "invalid_request", () -> app.client.buy(buyer.token(), eventId, quantity, UUID.randomUUID().toString()));
    }

    @Test
    @DisplayName("Buying with a fractional quantity (1.5) is 400 invalid_request")
    void fractionalQuantity() {
      refused(400, "invalid_request", () -> buyRaw("{\"eventId\": \"" + eventId + "\", \"quantity\": 1.5}"));
    }

    @Test
    @DisplayName("Buying without an eventId is 400 invalid_request")
    void missingEventId() {
      refused(400, "invalid_request", () -> buyRaw("{\"quantity\": 1}"));
    }

    @Test
    @DisplayName("Buying without an Idempotency-Key is 400 idempotency_key_required")
    void missingIdempotencyKey() {
      refused(400, "idempotency_key_required", () -> app.client.buy(buyer.token(), eventId, 1, null));
    }

    @Test
    @DisplayName("Reading another user's purchase is 404 not_found, exactly like an unknown one")
    void anotherUsersPurchase() {
      HttpResponse<Buffer> theirs = refused(404, "not_found",
          () -> app.client.get("/api/purchases/" + purchase.getString("id"), other.token()));
      HttpResponse<Buffer> unknown = refused(404, "not_found",
          () -> app.client.get("/api/purchases/" + UUID.randomUUID(), other.token()));
      assertEquals(unknown.bodyAsJsonObject(), theirs.bodyAsJsonObject(), "the answer must not tell the two apart");
      assertEquals(200, app.client.get("/api/purchases/" + purchase.getString("id"), buyer.token()).await().statusCode(),
          "the owner still reads it");
    }

    @Test
    @DisplayName("Reading a purchase by a malformed id is 404 not_found")
    void malformedPurchaseId() {
      refused(404, "not_found", () -> app.client.get("/api/purchases/nope", buyer.token()));
    }
  }

  @Nested
  @DisplayName("Authentication and roles")
  class Authentication {
    Future<HttpResponse<Buffer>> topUpWith(String token) {
      return topUpRaw(token, UUID.randomUUID().toString(), "{\"amount\": 100}");
    }

    @Test
    @DisplayName("A top-up without a token is 401 unauthorized")
    void noToken() {
      refused(401, "unauthorized", () -> topUpWith(null));
    }

    @Test
    @DisplayName("A token signed with another secret is 401 unauthorized")
    void forgedToken() throws GeneralSecurityException {
      long now = Instant.now().getEpochSecond();
      String forged = Jwts.hs256("not-the-" + TestApi.JWT_SECRET, claims(buyer.userId(), "customer", now - 60, now + 3600));
      refused(401, "unauthorized", () -> topUpWith(forged));
      // the same token made with an admin role does not open admin routes either
      String forgedAdmin = Jwts.hs256("not-the-" + TestApi.JWT_SECRET, claims(buyer.userId(), "admin", now - 60, now + 3600));
      refused(401, "unauthorized", () -> app.client.post("/api/events", forgedAdmin, newEvent()));
    }

    @Test
    @DisplayName("A correctly signed token whose exp is in the past is 401 unauthorized")
    void expiredToken() throws GeneralSecurityException {
      long now = Instant.now().getEpochSecond();
      // control: the hand-built token is accepted while it is current, so only the expiry is wrong below
      String current = Jwts.hs256(TestApi.JWT_SECRET, claims(buyer.userId(), "customer", now - 60, now + 3600));
      assertEquals(200, app.client.get("/api/wallet", current).await().statusCode(), "a current hand-built token");
      String expired = Jwts.hs256(TestApi.JWT_SECRET, claims(buyer.userId(), "customer", now - 3600, now - 60));
      refused(401, "unauthorized", () -> topUpWith(expired));
      refused(401, "unauthorized", () -> app.client.get("/api/wallet", expired));
    }

    @ParameterizedTest(name = "Authorization: \"{0}\" is 401 unauthorized")
    @ValueSource(strings = {"Bearer", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz", "Bearer e30.e30."})
    @DisplayName("A malformed Authorization header is 401 unauthorized")
    void malformedAuthorization(String header) {
      refused(401, "unauthorized", () -> app.client.web().post("/api/wallet/top-ups")
          .putHeader("Authorization", header)
          .putHeader("Idempotency-Key", UUID.randomUUID().toString())
          .putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{\"amount\": 100}")));
    }

    @Test
    @DisplayName("A customer creating an event is 403 forbidden")
    void customerCreatingEvent() {
      refused(403, "forbidden", () -> app.client.post("/api/events", buyer.token(), newEvent()));
    }

    private JsonObject newEvent() {
      return new JsonObject().put("name", "Not allowed").put("venue", "Nowhere")
          .put("startsAt", Instant.now().plus(3, ChronoUnit.DAYS).toString()).put("price", 100).put("capacity", 10);
    }

    private JsonObject claims(String userId, String role, long iat, long exp) {
      return new JsonObject().put("sub", userId).put("role", role).put("exp", exp).put("iat", iat);
    }
  }

  @Nested
  @DisplayName("The internal solutions endpoint")
  class Solutions {
    String depositToken() {
      return purchase.getString("depositToken");
    }

    JsonObject firstChallenge() {
      return purchase.getJsonArray("challenges").getJsonObject(0);
    }

    /** A secret in range that does not solve the first challenge. */
    long aWrongSecret() {
      JsonObject c = firstChallenge();
      long s = 1;
      while (Challenges.hash(depositToken(), c.getString("challengeId"), s).equals(c.getString("challengeHash"))) {
        s++;
      }
      return s;
    }

    JsonObject oneSolution(long secret) {
      return new JsonObject().put("solutions", new JsonArray()
          .add(new JsonObject().put("challengeId", firstChallenge().getString("challengeId")).put("secret", secret)));
    }

    Future<HttpResponse<Buffer>> post(String token, Buffer body, String signature) {
      var req = app.client.web().post("/api/internal/payments/" + token + "/solutions").putHeader("Content-Type", "application/json");
      if (signature != null) {
        req.putHeader("X-Signature", signature);
      }
      return req.sendBuffer(body);
    }

    @Test
    @DisplayName("A correctly signed submission with a wrong secret is 422 wrong_solution")
    void wrongSecret() {
      refused(422, "wrong_solution", () -> app.client.submitSolutions(depositToken(), oneSolution(aWrongSecret())));
    }

    @Test
    @DisplayName("A submission for a challenge the purchase does not have is 422 wrong_solution")
    void unknownChallenge() {
      JsonObject body = new JsonObject().put("solutions", new JsonArray()
          .add(new JsonObject().put("challengeId", UUID.randomUUID().toString()).put("secret", 1)));
      refused(422, "wrong_solution", () -> app.client.submitSolutions(depositToken(), body));
    }

    @Test
    @DisplayName("A submission signed with another secret is 401 unauthorized")
    void badSignature() {
      Buffer body = oneSolution(aWrongSecret()).toBuffer();
      String signature = new CallbackSignature("not-the-" + TestApi.CALLBACK_SECRET).sign(body.getBytes());
      refused(401, "unauthorized", () -> post(depositToken(), body, signature));
    }

    @Test
    @DisplayName("A submission without X-Signature is 401 unauthorized")
    void missingSignature() {
      refused(401, "unauthorized", () -> post(depositToken(), oneSolution(aWrongSecret()).toBuffer(), null));
    }

    @Test
    @DisplayName("A correctly signed submission for an unknown deposit token is 404 not_found")
    void unknownDepositToken() {
      refused(404, "not_found", () -> app.client.submitSolutions(UUID.randomUUID().toString(), oneSolution(1)));
    }

    @Test
    @DisplayName("A correctly signed submission with a secret as a fraction is 400 invalid_request")
    void fractionalSecret() {
      JsonObject body = new JsonObject().put("solutions", new JsonArray()
          .add(new JsonObject().put("challengeId", firstChallenge().getString("challengeId")).put("secret", 1.5)));
      refused(400, "invalid_request", () -> app.client.submitSolutions(depositToken(), body));
    }
  }

  @Nested
  @DisplayName("Registration and login")
  class Accounts {
    @Test
    @DisplayName("Registering with a 7-character password is 400 invalid_request")
    void shortPassword() {
      refused(400, "invalid_request", () -> app.client.register("short-" + UUID.randomUUID() + "@tixproof.test", "Short", "1234567"));
    }

    @ParameterizedTest(name = "e-mail \"{0}\" is 400 invalid_request")
    @ValueSource(strings = {"not-an-email", "no-domain@", "@no-local.test", "two@@at.test", "spaces in@it.test", "nodot@localhost"})
    @DisplayName("Registering with a malformed e-mail is refused")
    void badEmail(String email) {
      refused(400, "invalid_request", () -> app.client.register(email, "Bad Email", "password-123"));
    }

    @Test
    @DisplayName("Registering an e-mail that exists (in any letter case) is 409 email_taken")
    void duplicateEmail() {
      refused(409, "email_taken", () -> app.client.register(buyer.email(), "Again", "password-456"));
      refused(409, "email_taken", () -> app.client.register(buyer.email().toUpperCase(Locale.ROOT), "Again", "password-456"));
    }

    @Test
    @DisplayName("Registering without a name is 400 invalid_request")
    void missingName() {
      refused(400, "invalid_request", () -> app.client.post("/api/auth/register", null,
          new JsonObject().put("email", "noname-" + UUID.randomUUID() + "@tixproof.test").put("password", "password-123")));
    }

    @Test
    @DisplayName("Logging in with a wrong password is 401 unauthorized")
    void wrongPassword() {
      refused(401, "unauthorized", () -> app.client.post("/api/auth/login", null,
          new JsonObject().put("email", buyer.email()).put("password", "password-124")));
    }

    @Test
    @DisplayName("Logging in with an unknown e-mail is 401 unauthorized, like a wrong password")
    void unknownEmail() {
      refused(401, "unauthorized", () -> app.client.post("/api/auth/login", null,
          new JsonObject().put("email", "nobody-" + UUID.randomUUID() + "@tixproof.test").put("password", "password-123")));
    }
  }

  @Nested
  @DisplayName("Routing")
  class Routing {
    @Test
    @DisplayName("GET on an unknown route is 404 not_found with the error body")
    void unknownGetRoute() {
      refused(404, "not_found", () -> app.client.get("/api/no-such-thing", buyer.token()));
    }

    @Test
    @DisplayName("POST with a body to an unknown route is 404 not_found with the error body")
    void unknownPostRoute() {
      refused(404, "not_found", () -> app.client.send(HttpMethod.POST, "/api/wallet/withdrawals", buyer.token(),
          Buffer.buffer("{\"amount\": 100}")));
    }
  }

  /** Hand-made HS256 JWTs, so the test does not trust the code under test to build them. */
  static final class Jwts {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    static String hs256(String secret, JsonObject claims) throws GeneralSecurityException {
      String header = B64URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
      String payload = B64URL.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "." + B64URL.encodeToString(signature);
    }
  }

  /** A raw HTTP answer: status, lower-cased header names, body text, and whether the server then ended the connection. */
  record RawAnswer(int status, Map<String, String> headers, String body, boolean closedAfter) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * One HTTP/1.1 request over a plain socket. The body is written from another thread and write
   * errors are ignored: a server may answer an oversized body early and close, and a client that
   * stops at the failed write (as most HTTP clients do) would never read the answer that was sent.
   */
  static final class RawHttp {
    /** Writes a body; a failure to write is not an error (the server may have answered already). */
    interface BodyWriter {
      void write(OutputStream out) throws IOException;
    }

    static RawAnswer post(int port, String path, Map<String, String> headers, byte[] body, boolean chunked) throws IOException {
      String framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length;
      return exchange(port, path, headers, framing, out -> {
        if (chunked) {
          for (int off = 0; off < body.length; off += 16 * 1024) {
            int n = Math.min(16 * 1024, body.length - off);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, off, n);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
          out.write(body);
        }
      });
    }

    /** Declares {@code declaredLength} bytes but sends only {@code sent}, then goes quiet. */
    static RawAnswer postStalled(int port, String path, Map<String, String> headers, long declaredLength, byte[] sent) throws IOException {
      return exchange(port, path, headers, "Content-Length: " + declaredLength, out -> out.write(sent));
    }

    private static RawAnswer exchange(int port, String path, Map<String, String> headers, String framing, BodyWriter body)
        throws IOException {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append(framing).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread writer = new Thread(() -> {
          try {
            body.write(out);
            out.flush();
          } catch (IOException closedEarly) {
            // expected when the server answers before reading the whole body
          }
        }, "raw-http-body-writer");
        writer.setDaemon(true);
        writer.start();
        return read(socket.getInputStream());
      }
    }

    private static RawAnswer read(InputStream in) throws IOException {
      String statusLine = line(in);
      String[] parts = statusLine.split(" ", 3);
      assertTrue(parts.length >= 2 && parts[0].startsWith("HTTP/1."), "not an HTTP status line: " + statusLine);
      int status = Integer.parseInt(parts[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      byte[] body;
      if (headers.containsKey("content-length")) {
        body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
          all.write(in.readNBytes(n));
          line(in);
        }
        body = all.toByteArray();
      } else {
        body = in.readAllBytes();
      }
      return new RawAnswer(status, headers, new String(body, StandardCharsets.UTF_8), endsSoon(in));
    }

    /** Whether the server ends the connection (EOF or reset) within the socket timeout, sending nothing more. */
    private static boolean endsSoon(InputStream in) throws IOException {
      try {
        int next = in.read();
        assertEquals(-1, next, "the server sent bytes after its answer");
        return true;
      } catch (java.net.SocketTimeoutException stillOpen) {
        return false;
      } catch (java.net.SocketException reset) {
        return true;
      }
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed mid-line after: " + buf.toString(StandardCharsets.US_ASCII));
        }
        if (b != '\r') {
          buf.write(b);
        }
      }
      return buf.toString(StandardCharsets.US_ASCII);
    }
  }
}
