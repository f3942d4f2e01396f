package com.tixproof.api.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.config.TicketConfig;
import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Eventually;
import com.tixproof.api.testing.LambdaInvokeServer;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Lambda path: the AWS SDK's LambdaClient against a loopback server speaking the Invoke API. */
@DisplayName("LambdaTicketFunction invokes the function through the SDK; a function error is a failure to retry")
class LambdaTicketFunctionTest {
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

  static LambdaTicketFunction function(LambdaInvokeServer server, String name) {
    return LambdaTicketFunction.fromConfig(vertx, new TicketConfig("unused", TicketConfig.Delivery.LAMBDA, name,
        Optional.of(URI.create(server.endpoint())), "eu-west-1", "Tixproof", 10, Path.of("unused")));
  }

  @Test
  @DisplayName("a synchronous invoke of the named function with the input as the event; the result becomes the link")
  void invokesAndReadsTheResult() {
    JsonObject result = new JsonObject().put("bucket", "tickets-bucket").put("key", "tickets/abcdefghijklmnopqrstuv.pdf")
        .put("url", "https://tickets-bucket.s3.eu-west-1.amazonaws.com/tickets/abcdefghijklmnopqrstuv.pdf");
    try (LambdaInvokeServer server = new LambdaInvokeServer(vertx, event -> result);
         LambdaTicketFunction function = function(server, "tixproof-ticket-pdf")) {
      JsonObject input = new JsonObject().put("purchaseId", "p-1").put("buyerName", "Ana Pérez 😀").put("quantity", 2).put("amount", 30000);
      TicketLink link = function.render(input).await();
      assertEquals(new TicketLink("tickets-bucket", "tickets/abcdefghijklmnopqrstuv.pdf", result.getString("url")), link);
      assertEquals(1, server.invocations.size());
      LambdaInvokeServer.Invocation call = server.invocations.get(0);
      assertEquals("POST", call.method());
      assertEquals("/2015-03-31/functions/tixproof-ticket-pdf/invocations", call.path());
      assertEquals("RequestResponse", call.invocationType());
      assertEquals(input, call.event(), "the input is the event, byte for byte as JSON");
    }
  }

  @Test
  @DisplayName("a function error (X-Amz-Function-Error) fails the render with the function's message")
  void functionErrorFails() {
    try (LambdaInvokeServer server = new LambdaInvokeServer(vertx, event -> {
          throw new IllegalStateException("S3 PutObject refused: Access Denied");
        });
         LambdaTicketFunction function = function(server, "tixproof-ticket-pdf")) {
      Future<TicketLink> render = function.render(new JsonObject().put("purchaseId", "p-2"));
      Throwable err = assertThrowsFrom(render);
      assertInstanceOf(TicketRenderException.class, err);
      assertTrue(err.getMessage().contains("S3 PutObject refused: Access Denied"), err.getMessage());
      assertTrue(err.getMessage().contains("Unhandled"), err.getMessage());
    }
  }

  @Test
  @DisplayName("an answer without bucket, key and url is a failure, not a ticket")
  void incompleteAnswerFails() {
    try (LambdaInvokeServer server = new LambdaInvokeServer(vertx, event -> new JsonObject().put("bucket", "b"));
         LambdaTicketFunction function = function(server, "f")) {
      assertInstanceOf(IllegalArgumentException.class, assertThrowsFrom(function.render(new JsonObject())));
    }
  }

  @Test
  @DisplayName("through the API (TICKET_DELIVERY=lambda, LAMBDA_ENDPOINT, TICKET_FUNCTION_NAME): a function error is retried, then the purchase is TICKET_READY")
  void deliveryThroughLambda() {
    AtomicInteger calls = new AtomicInteger();
    try (LambdaInvokeServer server = new LambdaInvokeServer(vertx, event -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("cold start went wrong");
          }
          return new JsonObject().put("bucket", "b").put("key", "tickets/" + event.getString("purchaseId") + ".pdf")
              .put("url", "https://b.example/tickets/" + event.getString("purchaseId") + ".pdf");
        })) {
      TestApi app = TestApi.start(Map.of("TICKET_DELIVERY", "lambda", "LAMBDA_ENDPOINT", server.endpoint(),
          "TICKET_FUNCTION_NAME", "my-ticket-fn", "CHALLENGE_SECRET_MAX", "2000", "OUTBOX_POLL_INTERVAL", "200ms"));
      try {
        app.reset();
        String eventId = app.client.createEvent(1_000, 5).await();
        Session buyer = app.client.newUserWithBalance(1_000).await();
        String id = app.client.buyAndProve(buyer.token(), eventId, 1, 2_000).await().getString("id");
        Eventually.waitUntil("TICKET_READY", () -> "TICKET_READY".equals(
            app.client.get("/api/purchases/" + id, buyer.token()).await().bodyAsJsonObject().getString("status")), 30_000);
        JsonObject ready = app.client.get("/api/purchases/" + id, buyer.token()).await().bodyAsJsonObject();
        assertEquals("https://b.example/tickets/" + id + ".pdf", ready.getString("ticketUrl"));
        assertEquals(1, ready.getInteger("ticketAttempts"));
        assertEquals(2, calls.get());
        assertTrue(server.invocations.stream().allMatch(i -> i.path().equals("/2015-03-31/functions/my-ticket-fn/invocations")));
        assertEquals(id, server.invocations.get(1).event().getString("purchaseId"));
      } finally {
        app.close();
      }
    }
  }

  static Throwable assertThrowsFrom(Future<?> future) {
    try {
      future.await();
    } catch (Throwable err) {
      return err;
    }
    throw new AssertionError("expected the render to fail");
  }
}
