package com.tixproof.api.ticket;

import static com.tixproof.api.testing.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tixproof.api.testing.TestApi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /files/tickets/{name}: serves ticket PDFs from DATA_DIR/tickets and nothing else")
class TicketFileRoutesTest {
  static final byte[] PDF = "%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
  static TestApi app;
  static Path dataDir;

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory("tixproof-files");
    Path tickets = Files.createDirectories(dataDir.resolve("tickets"));
    Files.write(tickets.resolve("Ab_c-9xYz0123456789abcd.pdf"), PDF);
    Files.writeString(tickets.resolve("notes.txt"), "not a ticket");
    Files.createDirectories(tickets.resolve("folder.pdf"));
    Files.createSymbolicLink(tickets.resolve("link.pdf"), dataDir.resolve("secrets").resolve("jwt.key"));
    app = TestApi.start(Map.of("DATA_DIR", dataDir.toString()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("a stored ticket comes back byte for byte as application/pdf, no login needed (the link is the secret)")
  void servesAPdf() {
    HttpResponse<Buffer> res = app.client.get("/files/tickets/Ab_c-9xYz0123456789abcd.pdf", null).await();
    assertEquals(200, res.statusCode());
    assertEquals("application/pdf", res.getHeader("Content-Type"));
    assertEquals("nosniff", res.getHeader("X-Content-Type-Options"));
    assertArrayEquals(PDF, res.body().getBytes());
  }

  @Test
  @DisplayName("unknown names, other extensions, folders, links and traversal attempts are 404 with the error body")
  void refusesEverythingElse() {
    for (String path : List.of(
        "/files/tickets/missing0000000000000000.pdf",
        "/files/tickets/notes.txt",
        "/files/tickets/Ab_c-9xYz0123456789abcd.PDF",
        "/files/tickets/Ab_c-9xYz0123456789abcd.pdf.txt",
        "/files/tickets/folder.pdf",
        "/files/tickets/link.pdf",
        "/files/tickets/..%2Fsecrets%2Fjwt.key",
        "/files/tickets/..%2F..%2Fetc%2Fpasswd",
        "/files/tickets/%2e%2e%2fsecrets%2fjwt.key",
        "/files/tickets/.pdf",
        "/files/tickets/a%00.pdf",
        "/files/tickets/a.b.pdf")) {
      HttpResponse<Buffer> res = app.client.get(path, null).await();
      assertError(res, 404, "not_found");
    }
  }

  @Test
  @DisplayName("dot segments in the raw request path never reach outside the folder")
  void rawDotSegments() {
    HttpClient raw = app.vertx.createHttpClient();
    try {
      for (String uri : List.of("/files/tickets/../secrets/jwt.key", "/files/tickets/../../secrets/jwt.key", "/files/../secrets/jwt.key")) {
        int[] status = new int[1];
        String body = raw.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(app.port).setURI(uri))
            .compose(req -> req.send().compose(res -> {
              status[0] = res.statusCode();
              return res.body();
            }))
            .await().toString();
        assertEquals(404, status[0], uri + " → " + body);
        assertEquals(false, body.contains(readSecret()), "the secret never leaks");
      }
    } finally {
      raw.close();
    }
  }

  static String readSecret() {
    try {
      return Files.readString(dataDir.resolve("secrets").resolve("jwt.key")).trim();
    } catch (IOException notThere) {
      return "test-jwt-secret";
    }
  }
}
