package com.tixproof.pdf;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small stand-in for the Lambda service: speaks the Invoke API
 * ({@code POST /2015-03-31/functions/{name}/invocations}) and runs the real handler in this JVM,
 * whatever the function name. A result is 200 with its JSON; a thrown exception is 200 with
 * {@code X-Amz-Function-Error: Unhandled} and {@code {"errorMessage","errorType"}}, as Lambda
 * answers. {@code Event} invocations answer 202 and run in the background, {@code DryRun} 204.
 *
 * <p>Run: {@code TICKET_STORE=file TICKET_DIR=… TICKET_PUBLIC_BASE_URL=… java -jar pdf-lambda/target/pdf-lambda.jar}
 * (listens on {@code BIND_ADDRESS:PORT}, default 127.0.0.1:9000).
 */
public final class LocalLambdaServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalLambdaServer.class);
  private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final long TIMEOUT_MILLIS = 30_000;
  private static final int MEMORY_MB = 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final RequestHandler<Map<String, Object>, Map<String, Object>> handler;

  private LocalLambdaServer(HttpServer server, ExecutorService executor,
      RequestHandler<Map<String, Object>, Map<String, Object>> handler) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
  }

  /** Starts serving {@code handler} on the address (port 0 for a free one). */
  public static LocalLambdaServer start(InetSocketAddress address,
      RequestHandler<Map<String, Object>, Map<String, Object>> handler) throws IOException {
    HttpServer http = HttpServer.create(address, 0);
    ExecutorService executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
      Thread t = new Thread(r, "local-lambda");
      t.setDaemon(true);
      return t;
    });
    LocalLambdaServer server = new LocalLambdaServer(http, executor, handler);
    http.createContext("/", server::exchange);
    http.setExecutor(executor);
    http.start();
    return server;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** What an SDK client's {@code endpointOverride} takes. */
  public URI endpoint() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    String host = env.getOrDefault("BIND_ADDRESS", "127.0.0.1");
    int port = Integer.parseInt(env.getOrDefault("PORT", "9000"));
    LocalLambdaServer server = start(new InetSocketAddress(host, port), new TicketHandler());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "local-lambda-stop"));
    log.info("local Lambda endpoint on {} (POST /2015-03-31/functions/<name>/invocations)", server.endpoint());
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher m = INVOKE.matcher(exchange.getRequestURI().getRawPath());
      if (!m.matches()) {
        serviceError(exchange, 404, "UnknownOperationException", "no such operation: "
            + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        serviceError(exchange, 405, "UnknownOperationException", "Invoke is POST");
        return;
      }
      String function = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      JsonNode payload;
      try {
        payload = body.length == 0 ? null : JSON.readTree(body);
      } catch (JsonProcessingException e) {
        serviceError(exchange, 400, "InvalidRequestContentException",
            "Could not parse request body into json: " + e.getOriginalMessage());
        return;
      }
      String type = header(exchange, "X-Amz-Invocation-Type", "RequestResponse");
      String requestId = UUID.randomUUID().toString();
      exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
      switch (type) {
        case "RequestResponse" -> respond(exchange, invoke(function, requestId, payload));
        case "Event" -> {
          executor.execute(() -> invoke(function, requestId, payload));
          send(exchange, 202, null);
        }
        case "DryRun" -> send(exchange, 204, null);
        default -> serviceError(exchange, 400, "InvalidParameterValueException",
            "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, got " + type);
      }
    } catch (RuntimeException e) {
      log.error("local Lambda endpoint failed on {}", exchange.getRequestURI(), e);
      throw e;
    }
  }

  /** The handler's result, or the failure as Lambda reports it. */
  private Outcome invoke(String function, String requestId, JsonNode payload) {
    long start = System.nanoTime();
    try {
      Map<String, Object> input = toInput(payload);
      Map<String, Object> result = handler.handleRequest(input, new LocalContext(requestId, function, TIMEOUT_MILLIS, MEMORY_MB));
      log.info("invoke {} {}: ok in {} ms", function, requestId, (System.nanoTime() - start) / 1_000_000);
      return new Outcome(JSON.writeValueAsBytes(result), false);
    } catch (RuntimeException | JsonProcessingException e) {
      log.info("invoke {} {}: function error {} in {} ms", function, requestId, e, (System.nanoTime() - start) / 1_000_000);
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("errorMessage", String.valueOf(e.getMessage()));
      error.put("errorType", e.getClass().getName());
      try {
        return new Outcome(JSON.writeValueAsBytes(error), true);
      } catch (JsonProcessingException impossible) {
        throw new IllegalStateException("a map of two strings did not serialize", impossible);
      }
    }
  }

  /** As the Java runtime would deserialize the payload into the handler's Map (null for a JSON null). */
  private static Map<String, Object> toInput(JsonNode payload) {
    if (payload == null || payload.isNull()) {
      return null;
    }
    if (!payload.isObject()) {
      throw new IllegalArgumentException("the payload must be a JSON object, got " + payload.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return JSON.convertValue(payload, MAP);
  }

  private static void respond(HttpExchange exchange, Outcome outcome) throws IOException {
    exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
    if (outcome.functionError()) {
      exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
    }
    send(exchange, 200, outcome.body());
  }

  private static void serviceError(HttpExchange exchange, int status, String type, String message) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    send(exchange, status, JSON.writeValueAsBytes(Map.of("Type", "User", "message", message)));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static String header(HttpExchange exchange, String name, String fallback) {
    String value = exchange.getRequestHeaders().getFirst(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private record Outcome(byte[] body, boolean functionError) {}
}
