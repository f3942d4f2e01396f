package com.tixproof.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ticket and mail settings: defaults, choices, and bad values refused at start-up")
class TicketAndMailConfigTest {

  static AppConfig config(Map<String, String> given) throws IOException {
    Map<String, String> env = new HashMap<>(given);
    env.put("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres");
    env.putIfAbsent("DATA_DIR", Files.createTempDirectory("tixproof-config").toString());
    env.putIfAbsent("JWT_SECRET", "x".repeat(32));
    env.putIfAbsent("CALLBACK_SECRET", "y".repeat(32));
    return AppConfig.fromEnv(env);
  }

  @Test
  @DisplayName("defaults: Lambda delivery of tixproof-ticket-pdf, 10 attempts, .eml files in DATA_DIR/outbox, links on localhost:PORT, a generated signing key kept")
  void defaults() throws IOException {
    Path dataDir = Files.createTempDirectory("tixproof-config");
    AppConfig c = config(Map.of("DATA_DIR", dataDir.toString(), "PORT", "9999"));
    assertEquals("http://localhost:9999", c.publicBaseUrl());
    assertEquals(TicketConfig.Delivery.LAMBDA, c.tickets().delivery());
    assertEquals("tixproof-ticket-pdf", c.tickets().functionName());
    assertEquals(Optional.empty(), c.tickets().lambdaEndpoint());
    assertEquals("Tixproof", c.tickets().organizer());
    assertEquals(10, c.tickets().maxRenderAttempts());
    assertEquals(dataDir.resolve("tickets"), c.tickets().filesDir());
    assertEquals(MailConfig.Sender.FILE, c.mail().sender());
    assertEquals(dataDir.resolve("outbox"), c.mail().outboxDir());
    assertTrue(Files.isRegularFile(dataDir.resolve("secrets/ticket-signing.key")));
    assertEquals(c.tickets().signingKey(), config(Map.of("DATA_DIR", dataDir.toString())).tickets().signingKey(), "kept across starts");
  }

  @Test
  @DisplayName("SMTP when SMTP_HOST is set, SES when asked, STARTTLS policies, PUBLIC_BASE_URL without its trailing slash")
  void choices() throws IOException {
    AppConfig smtp = config(Map.of("SMTP_HOST", "mail.example.com", "SMTP_PORT", "2525", "SMTP_STARTTLS", "required",
        "PUBLIC_BASE_URL", "https://tickets.example.com/"));
    assertEquals(MailConfig.Sender.SMTP, smtp.mail().sender());
    assertEquals(2525, smtp.mail().smtpPort());
    assertEquals(MailConfig.StartTls.REQUIRED, smtp.mail().smtpStartTls());
    assertEquals("https://tickets.example.com", smtp.publicBaseUrl());
    assertEquals(MailConfig.Sender.SES, config(Map.of("MAIL_SENDER", "ses", "SMTP_HOST", "x")).mail().sender());
    assertEquals(TicketConfig.Delivery.OFF, config(Map.of("TICKET_DELIVERY", "off")).tickets().delivery());
  }

  @Test
  @DisplayName("refused: a signing key that is not 32 bytes, unknown senders or delivery modes, smtp without a host, a From without an address")
  void refused() {
    for (Map<String, String> bad : java.util.List.of(
        Map.of("TICKET_SIGNING_KEY", "c2hvcnQ"),
        Map.of("TICKET_SIGNING_KEY", "not base64 at all!"),
        Map.of("MAIL_SENDER", "pigeon"),
        Map.of("MAIL_SENDER", "smtp"),
        Map.of("SMTP_HOST", "h", "SMTP_STARTTLS", "maybe"),
        Map.of("MAIL_FROM", "Tixproof"),
        Map.of("TICKET_DELIVERY", "carrier"),
        Map.of("TICKET_MAX_ATTEMPTS", "0"))) {
      assertThrows(IllegalArgumentException.class, () -> config(bad), bad.toString());
    }
  }
}
