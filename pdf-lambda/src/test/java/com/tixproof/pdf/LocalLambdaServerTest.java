package com.tixproof.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/** The Lambda invoke path: the AWS SDK's LambdaClient against LocalLambdaServer running the real handler. */
class LocalLambdaServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNCTION = "tixproof-ticket-pdf";

  @TempDir
  static Path dir;
  private static LocalLambdaServer server;
  private static LambdaClient lambda;

  @BeforeAll
  static void start() throws Exception {
    TicketHandler handler = new TicketHandler(TicketFunction.fromEnv(Map.of(
        "TICKET_STORE", "file", "TICKET_DIR", dir.toString(), "TICKET_PUBLIC_BASE_URL", "http://localhost:8080/files")));
    server = LocalLambdaServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler);
    lambda = LambdaClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  @AfterAll
  static void stop() {
    lambda.close();
    server.close();
  }

  private static InvokeResponse invoke(String payload) {
    return lambda.invoke(b -> b.functionName(FUNCTION).payload(SdkBytes.fromUtf8String(payload)));
  }

  @Test
  @DisplayName("an invoke through LambdaClient runs the real handler and answers the output JSON")
  void invokes() throws Exception {
    InvokeResponse response = invoke(JSON.writeValueAsString(Tickets.input()));
    assertEquals(200, response.statusCode());
    assertNull(response.functionError());
    assertEquals("$LATEST", response.executedVersion());
    JsonNode out = JSON.readTree(response.payload().asByteArray());
    assertEquals("local", out.get("bucket").asText());
    String key = out.get("key").asText();
    assertTrue(key.matches("tickets/[A-Za-z0-9_-]{22}\\.pdf"), key);
    assertEquals("http://localhost:8080/files/" + key, out.get("url").asText());
    byte[] pdf = Files.readAllBytes(dir.resolve(key.substring("tickets/".length())));
    assertTrue(PdfPages.text(pdf).contains("Jazz Night"));
  }

  @Test
  @DisplayName("end to end: LambdaClient → LocalLambdaServer → handler → S3Mock; the returned link downloads the ticket")
  void invokesIntoS3() throws Exception {
    LocalS3 s3 = LocalS3.shared();
    TicketHandler handler = new TicketHandler(TicketFunction.fromEnv(s3.ticketEnv(LocalS3.BUCKET)));
    try (LocalLambdaServer s3Server = LocalLambdaServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler);
        LambdaClient client = LambdaClient.builder()
            .endpointOverride(s3Server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      SdkBytes payload = SdkBytes.fromUtf8String(JSON.writeValueAsString(Tickets.input()));
      InvokeResponse response = client.invoke(b -> b.functionName(FUNCTION).payload(payload));
      assertNull(response.functionError());
      JsonNode out = JSON.readTree(response.payload().asByteArray());
      assertEquals(LocalS3.BUCKET, out.get("bucket").asText());
      HttpResponse<byte[]> pdf = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
          .send(HttpRequest.newBuilder(URI.create(out.get("url").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, pdf.statusCode());
      assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
      assertTrue(PdfPages.text(pdf.body()).contains("TX-7KQ2-M9ZD"));
      assertEquals(Tickets.TOKEN, PdfPages.qr(PdfPages.image(pdf.body(), 150)));
    }
  }

  @Test
  @DisplayName("a failing input is a function error: X-Amz-Function-Error set, errorMessage naming the field")
  void functionError() throws Exception {
    InvokeResponse response = invoke(JSON.writeValueAsString(Tickets.with("quantity", "two")));
    assertEquals(200, response.statusCode());
    assertEquals("Unhandled", response.functionError());
    JsonNode error = JSON.readTree(response.payload().asByteArray());
    assertEquals(InvalidTicketRequestException.class.getName(), error.get("errorType").asText());
    assertEquals("invalid ticket input: quantity must be a JSON integer, got a string", error.get("errorMessage").asText());
  }

  @Test
  @DisplayName("a JSON null, an array or an empty payload are function errors too")
  void notAnObject() throws Exception {
    for (String payload : new String[] {"null", "[1,2]", ""}) {
      InvokeResponse response = invoke(payload);
      assertEquals("Unhandled", response.functionError(), payload);
      assertTrue(JSON.readTree(response.payload().asByteArray()).get("errorMessage").asText().contains("JSON object"), payload);
    }
  }

  @Test
  @DisplayName("a payload that is not JSON is refused by the service, as Lambda does (400 InvalidRequestContentException)")
  void notJson() {
    LambdaException e = assertThrows(LambdaException.class, () -> invoke("{not json"));
    assertEquals(400, e.statusCode());
    assertEquals("InvalidRequestContentException", e.awsErrorDetails().errorCode());
  }

  @Test
  @DisplayName("a dry run answers 204 without running the function")
  void dryRun() throws Exception {
    try (var files = Files.list(dir)) {
      long before = files.count();
      InvokeResponse response = lambda.invoke(b -> b.functionName(FUNCTION).invocationType(InvocationType.DRY_RUN)
          .payload(SdkBytes.fromUtf8String("{}")));
      assertEquals(204, response.statusCode());
      try (var after = Files.list(dir)) {
        assertEquals(before, after.count());
      }
    }
  }
}
