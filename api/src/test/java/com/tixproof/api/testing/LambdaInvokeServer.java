package com.tixproof.api.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A small server on loopback that speaks the AWS Lambda Invoke API as the real service does:
 * {@code POST /2015-03-31/functions/{name}/invocations} with the event as the body; 200 and the
 * result, or 200 with {@code X-Amz-Function-Error: Unhandled} and {@code {errorMessage, errorType}}
 * when the function throws. The "function" is whatever the test passes.
 */
public final class LambdaInvokeServer implements AutoCloseable {
  /** One invocation as received. */
  public record Invocation(String method, String path, String invocationType, String authorization, JsonObject event) {}

  public final List<Invocation> invocations = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  public LambdaInvokeServer(Vertx vertx, Function<JsonObject, JsonObject> function) {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> handle(req, body.toString(), function)));
    server.listen(0, "127.0.0.1").await();
  }

  public int port() {
    return server.actualPort();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  private void handle(HttpServerRequest req, String body, Function<JsonObject, JsonObject> function) {
    JsonObject event;
    try {
      event = new JsonObject(body);
    } catch (RuntimeException notJson) {
      req.response().setStatusCode(400).putHeader("x-amzn-ErrorType", "InvalidRequestContentException")
          .end(new JsonObject().put("Type", "User").put("message", "Could not parse request body into json").encode());
      return;
    }
    invocations.add(new Invocation(req.method().name(), req.path(), req.getHeader("X-Amz-Invocation-Type"), req.getHeader("Authorization"), event));
    if (!req.path().matches("/2015-03-31/functions/[^/]+/invocations") || !"POST".equals(req.method().name())) {
      req.response().setStatusCode(404).putHeader("x-amzn-ErrorType", "ResourceNotFoundException")
          .end(new JsonObject().put("Type", "User").put("message", "Function not found: " + req.path()).encode());
      return;
    }
    try {
      JsonObject result = function.apply(event);
      req.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(result.encode());
    } catch (RuntimeException thrown) {
      req.response().setStatusCode(200)
          .putHeader("Content-Type", "application/json")
          .putHeader("X-Amz-Function-Error", "Unhandled")
          .end(new JsonObject().put("errorMessage", thrown.getMessage()).put("errorType", thrown.getClass().getName()).encode());
    }
  }

  @Override
  public void close() {
    server.close().await();
  }
}
