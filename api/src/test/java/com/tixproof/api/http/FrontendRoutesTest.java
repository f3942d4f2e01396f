package com.tixproof.api.http;

import static com.tixproof.api.testing.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.testing.TestApi;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The API serves the built front end from FRONTEND_DIR")
class FrontendRoutesTest {
  static final String INDEX = "<!doctype html><title>Tixproof</title><div id=root></div>";
  static final String SCRIPT = "console.log('app')";
  static Path dir;
  static TestApi app;

  @BeforeAll
  static void start() throws IOException {
    Path parent = Files.createTempDirectory("tixproof-frontend-test");
    dir = Files.createDirectories(parent.resolve("dist"));
    Files.writeString(dir.resolve("index.html"), INDEX);
    Files.createDirectories(dir.resolve("assets"));
    Files.writeString(dir.resolve("assets/index-Bx7fK2a1.js"), SCRIPT);
    Files.writeString(dir.resolve("favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    Files.writeString(parent.resolve("secret.txt"), "outside the folder");
    app = TestApi.start(Map.of("FRONTEND_DIR", dir.toString()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<Buffer> get(String path) {
    return app.client.get(path, null).await();
  }

  @Test
  @DisplayName("/ answers index.html, revalidated at every load")
  void root() {
    HttpResponse<Buffer> res = get("/");
    assertEquals(200, res.statusCode());
    assertEquals(INDEX, res.bodyAsString());
    assertTrue(res.getHeader("Content-Type").startsWith("text/html"), res.getHeader("Content-Type"));
    assertEquals("no-cache", res.getHeader("Cache-Control"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/wallet", "/purchases/0190d0a4-0000-7000-8000-000000000000", "/admin/door"})
  @DisplayName("an app page that is no file answers index.html, so a reload or a shared link works")
  void spaFallback(String path) {
    HttpResponse<Buffer> res = get(path);
    assertEquals(200, res.statusCode(), path);
    assertEquals(INDEX, res.bodyAsString());
    assertEquals("no-cache", res.getHeader("Cache-Control"));
  }

  @Test
  @DisplayName("hashed assets are kept a year; other files are revalidated")
  void caching() {
    HttpResponse<Buffer> script = get("/assets/index-Bx7fK2a1.js");
    assertEquals(200, script.statusCode());
    assertEquals(SCRIPT, script.bodyAsString());
    assertTrue(script.getHeader("Content-Type").contains("javascript"), script.getHeader("Content-Type"));
    assertEquals("public, max-age=31536000, immutable", script.getHeader("Cache-Control"));

    HttpResponse<Buffer> icon = get("/favicon.svg");
    assertEquals(200, icon.statusCode());
    assertEquals("image/svg+xml", icon.getHeader("Content-Type"));
    assertEquals("no-cache", icon.getHeader("Cache-Control"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/assets/gone-123.js", "/robots.txt", "/api/nothing-here", "/files/nothing-here", "/api"})
  @DisplayName("missing files and unknown API paths stay 404 with the API's error body, never index.html")
  void notFound(String path) {
    assertError(get(path), 404, "not_found");
  }

  @Test
  @DisplayName("a path climbing out of the folder serves nothing from outside it")
  void noTraversal() {
    HttpResponse<Buffer> res = get("/../secret.txt");
    assertTrue(!res.bodyAsString().contains("outside the folder"), res.bodyAsString());
    HttpResponse<Buffer> encoded = get("/%2e%2e/secret.txt");
    assertTrue(!encoded.bodyAsString().contains("outside the folder"), encoded.bodyAsString());
  }

  @Test
  @DisplayName("API and ops routes still answer as before")
  void apiUntouched() {
    assertEquals(200, get("/health").statusCode());
    HttpResponse<Buffer> events = get("/api/events");
    assertEquals(200, events.statusCode());
    assertTrue(events.getHeader("Content-Type").startsWith("application/json"));
  }
}
