package com.tixproof.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketFunctionTest {
  private static final String KEY = "tickets/[A-Za-z0-9_-]{22}\\.pdf";

  @TempDir
  Path dir;

  private TicketFunction fileFunction() {
    return TicketFunction.fromEnv(Map.of(
        "TICKET_STORE", "file",
        "TICKET_DIR", dir.toString(),
        "TICKET_PUBLIC_BASE_URL", "http://localhost:8080/files/"));
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  @DisplayName("the file store writes the PDF under an unguessable key and links it under the public base URL")
  void fileStore() throws Exception {
    Map<String, Object> out = fileFunction().handle(Tickets.input());
    assertEquals(List.of("bucket", "key", "url"), List.copyOf(out.keySet()));
    assertEquals("local", out.get("bucket"));
    String key = (String) out.get("key");
    assertTrue(key.matches(KEY), key);
    assertEquals("http://localhost:8080/files/" + key, out.get("url"));
    Path file = dir.resolve(key.substring("tickets/".length()));
    assertEquals(List.of(file), files(), "only the ticket, no temporary file left");
    assertTrue(PdfPages.text(Files.readAllBytes(file)).contains("TX-7KQ2-M9ZD"));
  }

  @Test
  @DisplayName("each call, even a retry of the same purchase, gets a new key")
  void newKeyEachTime() {
    TicketFunction function = fileFunction();
    assertNotEquals(function.handle(Tickets.input()).get("key"), function.handle(Tickets.input()).get("key"));
  }

  @Test
  @DisplayName("bad input fails before anything is written")
  void badInputWritesNothing() throws Exception {
    TicketFunction function = fileFunction();
    assertThrows(InvalidTicketRequestException.class, () -> function.handle(Tickets.with("amount", "lots")));
    assertEquals(List.of(), files());
  }

  @Test
  @DisplayName("a custom prefix shapes the key; the file is still named by its last segment")
  void prefix() throws Exception {
    Map<String, Object> out = TicketFunction.fromEnv(Map.of(
        "TICKET_STORE", "file", "TICKET_DIR", dir.toString(), "TICKET_PREFIX", "t/2026/",
        "TICKET_PUBLIC_BASE_URL", "https://cdn.example.com")).handle(Tickets.input());
    String key = (String) out.get("key");
    assertTrue(key.matches("t/2026/[A-Za-z0-9_-]{22}\\.pdf"), key);
    assertEquals("https://cdn.example.com/" + key, out.get("url"));
    assertTrue(Files.exists(dir.resolve(key.substring("t/2026/".length()))));
  }

  @Test
  @DisplayName("a missing or wrong setting is named")
  void configErrors() {
    assertEquals("TICKET_BUCKET is required when TICKET_STORE=s3",
        assertThrows(IllegalArgumentException.class, () -> TicketConfig.fromEnv(Map.of())).getMessage());
    assertEquals("TICKET_DIR is required when TICKET_STORE=file",
        assertThrows(IllegalArgumentException.class, () -> TicketConfig.fromEnv(Map.of("TICKET_STORE", "file"))).getMessage());
    assertEquals("TICKET_STORE must be s3 or file, got ftp",
        assertThrows(IllegalArgumentException.class, () -> TicketConfig.fromEnv(Map.of("TICKET_STORE", "ftp"))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TicketConfig.fromEnv(
        Map.of("TICKET_BUCKET", "b", "S3_ENDPOINT", "localhost:9000"))).getMessage().startsWith("S3_ENDPOINT must be an absolute URL"));
  }

  @Test
  @DisplayName("the S3 link defaults to the bucket's virtual-hosted URL, or the endpoint's path-style one")
  void s3Links() {
    assertEquals("https://tix.s3.sa-east-1.amazonaws.com",
        TicketConfig.fromEnv(Map.of("TICKET_BUCKET", "tix", "AWS_REGION", "sa-east-1")).publicBaseUrl());
    assertEquals("http://127.0.0.1:9090/tix",
        TicketConfig.fromEnv(Map.of("TICKET_BUCKET", "tix", "S3_ENDPOINT", "http://127.0.0.1:9090")).publicBaseUrl());
    assertEquals("https://tickets.example.com",
        TicketConfig.fromEnv(Map.of("TICKET_BUCKET", "tix", "TICKET_PUBLIC_BASE_URL", "https://tickets.example.com")).publicBaseUrl());
  }
}
