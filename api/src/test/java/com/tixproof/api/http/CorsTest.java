package com.tixproof.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.testing.TestApi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A front end on another origin (CloudFront) may call the API; other origins get no CORS grant")
class CorsTest {
  static final String SHOP = "https://shop.example.com";
  static TestApi app;

  @BeforeAll
  static void start() {
    app = TestApi.start(Map.of("CORS_ALLOWED_ORIGINS", SHOP + ", http://localhost:5173"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("the preflight of a purchase from the shop's origin allows POST with Authorization and Idempotency-Key")
  void preflightFromTheShop() {
    HttpResponse<Buffer> res = app.client.web().request(HttpMethod.OPTIONS, "/api/purchases")
        .putHeader("Origin", SHOP)
        .putHeader("Access-Control-Request-Method", "POST")
        .putHeader("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
        .send().await();
    assertTrue(res.statusCode() == 204 || res.statusCode() == 200, "preflight answered " + res.statusCode());
    assertEquals(SHOP, res.getHeader("Access-Control-Allow-Origin"));
    assertTrue(res.getHeader("Access-Control-Allow-Methods").contains("POST"));
    String headers = res.getHeader("Access-Control-Allow-Headers").toLowerCase(java.util.Locale.ROOT);
    assertTrue(headers.contains("authorization") && headers.contains("idempotency-key"), headers);
  }

  @Test
  @DisplayName("a GET from the shop's origin carries Access-Control-Allow-Origin; the JSON is unchanged")
  void simpleRequestFromTheShop() {
    HttpResponse<Buffer> res = app.client.web().get("/api/events").putHeader("Origin", SHOP).send().await();
    assertEquals(200, res.statusCode());
    assertEquals(SHOP, res.getHeader("Access-Control-Allow-Origin"));
    assertTrue(res.bodyAsJsonObject().containsKey("items"));
  }

  @Test
  @DisplayName("another origin is granted nothing (its browser will not let it read), but the request is not refused: same-origin pages send Origin too")
  void otherOriginIsNotGranted() {
    HttpResponse<Buffer> res = app.client.web().get("/api/events").putHeader("Origin", "https://evil.example.net").send().await();
    assertEquals(200, res.statusCode());
    assertNull(res.getHeader("Access-Control-Allow-Origin"));
    HttpResponse<Buffer> preflight = app.client.web().request(HttpMethod.OPTIONS, "/api/purchases")
        .putHeader("Origin", "https://evil.example.net").putHeader("Access-Control-Request-Method", "POST").send().await();
    assertNull(preflight.getHeader("Access-Control-Allow-Origin"));
    assertNull(preflight.getHeader("Access-Control-Allow-Methods"));
  }

  @Test
  @DisplayName("without CORS_ALLOWED_ORIGINS nothing is granted, and a malformed origin stops start-up")
  void parsing() {
    assertEquals(List.of(), Cors.parseOrigins(""));
    assertEquals(List.of(SHOP, "http://localhost:5173"), Cors.parseOrigins(SHOP + " , http://localhost:5173"));
    assertThrows(IllegalArgumentException.class, () -> Cors.parseOrigins("*"));
    assertThrows(IllegalArgumentException.class, () -> Cors.parseOrigins("https://shop.example.com/path"));
  }
}
