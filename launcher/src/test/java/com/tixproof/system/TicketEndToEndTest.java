package com.tixproof.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.tixproof.api.testing.Eventually;
import com.tixproof.api.testing.TestApi;
import com.tixproof.launcher.OneProcess;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The one-process launcher as {@code bin/run} starts it (embedded PostgreSQL and Redis, master,
 * workers, the in-process ticket function), used over HTTP only: a purchase ends TICKET_READY, its
 * link downloads a real PDF, the QR on that PDF verifies at the door, and the .eml is in the outbox.
 */
@DisplayName("One process: a purchase made over HTTP ends TICKET_READY with a real PDF, a QR that verifies, and an .eml with the link")
class TicketEndToEndTest {
  static final String ADMIN_EMAIL = "door@tixproof.test";
  static final String ADMIN_PASSWORD = "door-password-1";
  static Path dataDir;
  static OneProcess system;
  static String base;
  static final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory("tixproof-one-process");
    int port = TestApi.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("HOST", "127.0.0.1");
    env.put("PORT", Integer.toString(port));
    env.put("MASTER_HOST", "127.0.0.1");
    env.put("MASTER_PORT", Integer.toString(TestApi.freePort()));
    env.put("ADMIN_EMAIL", ADMIN_EMAIL);
    env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("ARGON2_MEMORY_KIB", "64");
    env.put("ARGON2_ITERATIONS", "1");
    env.put("HTTP_INSTANCES", "2");
    env.put("CHALLENGE_SECRET_MAX", "200000");
    env.put("TASK_SIZE", "50000");
    system = OneProcess.start(env);
    base = "http://127.0.0.1:" + port;
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  static HttpResponse<String> call(String method, String path, String token, JsonObject body, String idempotencyKey) {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      req.header("Content-Type", "application/json");
    }
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      req.header("Idempotency-Key", idempotencyKey);
    }
    try {
      return http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonObject ok(HttpResponse<String> res, int status) {
    assertEquals(status, res.statusCode(), res.body());
    return new JsonObject(res.body());
  }

  @Test
  @DisplayName("register, top up, buy: TICKET_READY; curl -L of the ticket is a PDF whose QR token verifies once; the .eml carries the link")
  void purchaseToTicket() throws Exception {
    String buyer = ok(call("POST", "/api/auth/register", null,
        new JsonObject().put("email", "ana@example.com").put("name", "Ana Pérez").put("password", "correct horse"), null), 201).getString("token");
    ok(call("POST", "/api/wallet/top-ups", buyer, new JsonObject().put("amount", 1_000_000), "topup-1"), 201);
    JsonObject event = ok(call("GET", "/api/events", null, null, null), 200).getJsonArray("items").getJsonObject(0);
    JsonObject purchase = ok(call("POST", "/api/purchases", buyer, new JsonObject().put("eventId", event.getString("id")).put("quantity", 2),
        UUID.randomUUID().toString()), 202);
    String id = purchase.getString("id");

    Eventually.waitUntil("TICKET_READY", () -> "TICKET_READY".equals(ok(call("GET", "/api/purchases/" + id, buyer, null, null), 200)
        .getString("status")), 120_000);
    JsonObject ready = ok(call("GET", "/api/purchases/" + id, buyer, null, null), 200);
    String url = ready.getString("ticketUrl");
    assertTrue(url.startsWith("http://localhost:" + system.apiConfig().port() + "/files/tickets/"), url);

    HttpResponse<String> redirect = call("GET", "/api/purchases/" + id + "/ticket", buyer, null, null);
    assertEquals(302, redirect.statusCode(), redirect.body());
    assertEquals(url, redirect.headers().firstValue("Location").orElseThrow());
    HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(url.replace("localhost", "127.0.0.1"))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, pdf.statusCode());
    assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("%PDF-", new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII));

    String token = qrOf(pdf.body());
    String admin = ok(call("POST", "/api/auth/login", null, new JsonObject().put("email", ADMIN_EMAIL).put("password", ADMIN_PASSWORD), null), 200)
        .getString("token");
    JsonObject first = ok(call("POST", "/api/tickets/verify", admin, new JsonObject().put("token", token), null), 200);
    assertTrue(first.getBoolean("valid"), first.encode());
    assertTrue(first.getBoolean("firstCheckIn"));
    assertEquals(id, first.getString("purchaseId"));
    assertEquals("Ana Pérez", first.getString("holder"));
    assertEquals(2, first.getInteger("quantity"));
    assertEquals(event.getString("id"), first.getJsonObject("event").getString("id"));
    assertFalse(ok(call("POST", "/api/tickets/verify", admin, new JsonObject().put("token", token), null), 200).getBoolean("firstCheckIn"));

    Path eml = dataDir.resolve("outbox").resolve("ticket-ready." + id + ".eml");
    Eventually.waitUntil("the .eml in the outbox folder", () -> Files.isRegularFile(eml), 30_000);
    String mail = Files.readString(eml, StandardCharsets.UTF_8).replace("=\r\n", "").replace("=\n", "");
    assertTrue(mail.contains(url), mail);
    assertTrue(mail.contains("To: ana@example.com"), mail);
  }

  /**
   * The QR on page 1, rendered as a screen shows it and decoded as a door scanner would: like a
   * scanner held at another distance, it tries a few resolutions (ZXing misses a few percent of
   * these codes at any single one: ~3 % of 150 random tokens at 150 dpi, none over all four).
   */
  static String qrOf(byte[] pdf) throws Exception {
    NotFoundException last = null;
    for (int dpi : new int[] {150, 200, 300, 100}) {
      BufferedImage page;
      try (PDDocument document = Loader.loadPDF(pdf)) {
        page = new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB);
      }
      BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page)));
      try {
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
      } catch (NotFoundException notAtThisSize) {
        last = notAtThisSize;
      }
    }
    throw new AssertionError("no QR code found on the ticket", last);
  }
}
