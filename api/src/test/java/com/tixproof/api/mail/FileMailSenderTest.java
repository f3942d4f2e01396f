package com.tixproof.api.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The .eml file sender: one readable RFC 5322 file per Message-ID, a resend replaces it")
class FileMailSenderTest {
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    var closed = vertx.close();
    com.tixproof.protocol.Waits.until(closed::isComplete, 15_000);
  }

  static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  static MimeMessage parse(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return new MimeMessage(jakarta.mail.Session.getInstance(new Properties()), in);
    }
  }

  @Test
  @DisplayName("a message lands as <kind>.<id>.eml with its headers and UTF-8 text; sending it again leaves one file; another message adds one")
  void writesOneFilePerMessageId() throws Exception {
    Path dir = Files.createTempDirectory("tixproof-mail").resolve("outbox");
    FileMailSender sender = new FileMailSender(vertx, dir);
    String url = "http://localhost:8080/files/tickets/AbCdEfGhIjKlMnOpQrStUv.pdf";
    Mail mail = new Mail("<ticket-ready.0193-abc@tixproof.local>", "Tixproof <tickets@tixproof.local>", "ana@example.com",
        "Your ticket: Café <script> 😀", "Hello Ana Pérez,\n\n" + url + "\n");
    sender.send(mail).await();
    sender.send(mail).await();
    assertEquals(List.of(dir.resolve("ticket-ready.0193-abc.eml")), files(dir));

    MimeMessage read = parse(dir.resolve("ticket-ready.0193-abc.eml"));
    assertEquals("<ticket-ready.0193-abc@tixproof.local>", read.getMessageID());
    assertEquals("Your ticket: Café <script> 😀", read.getSubject());
    assertEquals("ana@example.com", ((InternetAddress) read.getAllRecipients()[0]).getAddress());
    assertEquals("tickets@tixproof.local", ((InternetAddress) read.getFrom()[0]).getAddress());
    String text = String.valueOf(read.getContent());
    assertTrue(text.contains("Ana Pérez"), text);
    assertTrue(text.contains(url), text);

    sender.send(new Mail("<purchase-expired.0193-abc@tixproof.local>", "tickets@tixproof.local", "ana@example.com", "Expired", "x")).await();
    assertEquals(2, files(dir).size());
    assertTrue(files(dir).stream().allMatch(f -> f.getFileName().toString().endsWith(".eml")), "no temporary files left: " + files(dir));
  }

  @Test
  @DisplayName("a long subject with accents and emoji is folded into encoded words that read back whole")
  void longSubjectReadsBack() throws Exception {
    Path dir = Files.createTempDirectory("tixproof-mail");
    String subject = "Your ticket: " + "Noche de jazz en el Teatro Municipal de Ñuñoa 🎷 ".repeat(4).strip();
    new FileMailSender(vertx, dir).send(new Mail("<ticket-ready.long@tixproof.local>", "tickets@tixproof.local", "ana@example.com",
        subject, "x")).await();
    String raw = Files.readString(dir.resolve("ticket-ready.long.eml"));
    assertTrue(raw.lines().allMatch(l -> l.length() <= 998), "no over-long line");
    assertEquals(subject, parse(dir.resolve("ticket-ready.long.eml")).getSubject());
  }
}
