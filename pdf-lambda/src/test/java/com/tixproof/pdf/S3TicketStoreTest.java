package com.tixproof.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;

class S3TicketStoreTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static LocalS3 s3;

  @BeforeAll
  static void start() {
    s3 = LocalS3.shared();
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  @DisplayName("a ticket put in S3 downloads from its public link over plain HTTP: same bytes, application/pdf")
  void putThenFetch() throws Exception {
    TicketFunction function = TicketFunction.fromEnv(s3.ticketEnv(LocalS3.BUCKET));
    Map<String, Object> out = function.handle(Tickets.input());
    assertEquals(LocalS3.BUCKET, out.get("bucket"));
    String key = (String) out.get("key");
    assertTrue(key.matches("tickets/[A-Za-z0-9_-]{22}\\.pdf"), key);
    assertEquals(s3.endpoint() + "/" + LocalS3.BUCKET + "/" + key, out.get("url"));

    HttpResponse<byte[]> response = get((String) out.get("url"));
    assertEquals(200, response.statusCode());
    assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElse(""));
    String text = PdfPages.text(response.body());
    assertTrue(text.contains("TX-7KQ2-M9ZD") && text.contains("Ana Pérez"), text);
    assertEquals(Tickets.TOKEN, PdfPages.qr(PdfPages.image(response.body(), 150)));
  }

  @Test
  @DisplayName("the bytes stored are exactly the bytes rendered")
  void sameBytes() throws Exception {
    byte[] pdf = new TicketRenderer().render(TicketRequest.parse(Tickets.input()));
    TicketConfig config = TicketConfig.fromEnv(s3.ticketEnv(LocalS3.BUCKET));
    StoredTicket stored = new S3TicketStore(S3Clients.build(config), LocalS3.BUCKET, config.publicBaseUrl())
        .put(new TicketKeys("tickets/").next(), pdf);
    HttpResponse<byte[]> response = get(stored.url());
    assertEquals(200, response.statusCode());
    assertArrayEquals(pdf, response.body());
  }

  @Test
  @DisplayName("a bucket that does not exist is a failure the caller sees (and retries)")
  void missingBucketFails() {
    TicketFunction function = TicketFunction.fromEnv(s3.ticketEnv("no-such-bucket"));
    assertThrows(SdkException.class, () -> function.handle(Tickets.input()));
  }
}
