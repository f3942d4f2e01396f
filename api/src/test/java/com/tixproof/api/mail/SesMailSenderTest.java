package com.tixproof.api.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The SES v2 sender through the AWS SDK, against a loopback server speaking SendEmail's REST form. */
@DisplayName("The SES sender posts the raw MIME message to SES v2 SendEmail; an SES error fails the send")
class SesMailSenderTest {
  static Vertx vertx;
  static HttpServer ses;
  static final List<JsonObject> requests = new CopyOnWriteArrayList<>();
  static final List<String> paths = new CopyOnWriteArrayList<>();
  static final AtomicBoolean throttle = new AtomicBoolean();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    ses = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      paths.add(req.method() + " " + req.path() + " " + String.valueOf(req.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256"));
      requests.add(body.toJsonObject());
      if (throttle.get()) {
        req.response().setStatusCode(400).putHeader("x-amzn-ErrorType", "MessageRejected")
            .end(new JsonObject().put("message", "Email address is not verified.").encode());
        return;
      }
      req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("MessageId", "0100-test").encode());
    })).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stop() {
    var closed = vertx.close();
    com.tixproof.protocol.Waits.until(closed::isComplete, 15_000);
  }

  static SesMailSender sender() {
    return new SesMailSender(vertx, SesV2Client.builder()
        .region(Region.EU_WEST_1)
        .endpointOverride(URI.create("http://127.0.0.1:" + ses.actualPort()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build());
  }

  @Test
  @DisplayName("one signed SendEmail with Content.Raw.Data = the same RFC 5322 message the other senders produce")
  void sendsRawMessage() {
    requests.clear();
    paths.clear();
    throttle.set(false);
    Mail mail = new Mail("<ticket-ready.p1@tixproof.test>", "Tixproof <tickets@tixproof.test>", "ana@example.com", "Your ticket: Café",
        "Hello Ana,\nhttp://localhost/files/tickets/x.pdf\n");
    SesMailSender sender = sender();
    try {
      sender.send(mail).await();
    } finally {
      sender.close();
    }
    assertEquals(List.of("POST /v2/email/outbound-emails true"), paths);
    String raw = new String(Base64.getDecoder().decode(requests.get(0).getJsonObject("Content").getJsonObject("Raw").getString("Data")),
        StandardCharsets.UTF_8);
    assertTrue(raw.contains("Message-ID: <ticket-ready.p1@tixproof.test>"), raw);
    assertTrue(raw.contains("To: ana@example.com"), raw);
    assertTrue(raw.contains("http://localhost/files/tickets/x.pdf"), raw);
  }

  @Test
  @DisplayName("an SES refusal is a failed send (the outbox retries it)")
  void refusalFails() {
    throttle.set(true);
    SesMailSender sender = sender();
    try {
      assertThrows(Exception.class, () -> sender.send(new Mail("<a.b@c.d>", "x@c.d", "y@c.d", "s", "t")).await());
    } finally {
      sender.close();
      throttle.set(false);
    }
  }
}
