package com.tixproof.api.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.tixproof.api.http.ErrorCode;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The served /openapi.yaml documents exactly what the server routes")
class OpenApiContractTest {
  /** {@code router.get("/api/events/:id")} and the like, as each feature's mount() writes them. */
  private static final Pattern ROUTE =
      Pattern.compile("\\brouter\\s*\\.\\s*(get|post|put|delete|patch|head|options)\\s*\\(\\s*\"([^\"]+)\"");
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  /** What the router itself answers for a path nothing is mounted on (see HttpVerticle). */
  private static final String ROUTER_NOT_FOUND = "no such resource";

  static TestApi app;
  static JsonNode doc;

  @BeforeAll
  static void start() throws IOException {
    app = TestApi.start();
    HttpResponse<Buffer> res = app.client.get("/openapi.yaml", null).await();
    assertEquals(200, res.statusCode(), "GET /openapi.yaml");
    assertTrue(String.valueOf(res.getHeader("Content-Type")).startsWith("application/yaml"),
        "Content-Type of /openapi.yaml: " + res.getHeader("Content-Type"));
    doc = new YAMLMapper().readTree(res.body().getBytes());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("it is an OpenAPI 3 document with info, paths, components, schemas and security schemes")
  void isOpenApi3() {
    assertTrue(doc.path("openapi").asText().startsWith("3."), "openapi: " + doc.path("openapi"));
    assertFalse(doc.path("info").path("title").asText().isBlank(), "info.title");
    assertFalse(doc.path("info").path("version").asText().isBlank(), "info.version");
    assertTrue(doc.path("paths").isObject() && doc.path("paths").size() > 0, "paths");
    JsonNode components = doc.path("components");
    for (String schema : List.of("User", "Session", "Wallet", "LedgerEntry", "Event", "Purchase", "Challenge", "Error",
        "EventPage", "LedgerEntryPage", "PurchasePage")) {
      assertTrue(components.path("schemas").has(schema), "components.schemas." + schema);
    }
    JsonNode bearer = components.path("securitySchemes").path("bearerAuth");
    assertEquals("http", bearer.path("type").asText());
    assertEquals("bearer", bearer.path("scheme").asText());
    JsonNode signature = components.path("securitySchemes").path("callbackSignature");
    assertEquals("header", signature.path("in").asText());
    assertEquals("X-Signature", signature.path("name").asText());
    JsonNode key = components.path("parameters").path("IdempotencyKey");
    assertEquals("Idempotency-Key", key.path("name").asText());
    assertTrue(key.path("required").asBoolean(), "Idempotency-Key is required");
  }

  @Test
  @DisplayName("every $ref points at something that exists in the document")
  void everyRefResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertFalse(refs.isEmpty(), "the document uses components through $ref");
    List<String> broken = refs.stream().distinct().filter(ref -> resolve(ref).isMissingNode()).toList();
    assertEquals(List.of(), broken, "unresolved $ref");
  }

  @Test
  @DisplayName("every operation has a unique operationId, responses, and declares each {parameter} of its path")
  void operationsAreWellFormed() {
    Set<String> ids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (Operation op : documentedOperations()) {
      String opId = op.node().path("operationId").asText();
      if (opId.isEmpty() || !ids.add(opId)) {
        problems.add(op + ": missing or duplicate operationId '" + opId + "'");
      }
      if (!op.node().path("responses").isObject() || op.node().path("responses").isEmpty()) {
        problems.add(op + ": no responses");
      }
      Set<String> declared = new HashSet<>();
      Stream.concat(stream(doc.path("paths").path(op.path()).path("parameters")), stream(op.node().path("parameters")))
          .map(this::deref)
          .filter(p -> "path".equals(p.path("in").asText()) && p.path("required").asBoolean())
          .forEach(p -> declared.add(p.path("name").asText()));
      Matcher m = PATH_PARAM.matcher(op.path());
      while (m.find()) {
        if (!declared.contains(m.group(1))) {
          problems.add(op + ": path parameter {" + m.group(1) + "} is not declared as a required path parameter");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  @DisplayName("the Error schema lists every wire code of ErrorCode, and nothing else")
  void errorEnumMatchesErrorCodes() {
    JsonNode schema = deref(doc.path("components").path("schemas").path("Error"));
    Set<String> documented = new TreeSet<>();
    schema.path("properties").path("error").path("enum").forEach(n -> documented.add(n.asText()));
    Set<String> wire = Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(wire, documented);
    assertTrue(stream(schema.path("required")).map(JsonNode::asText).collect(Collectors.toSet()).containsAll(Set.of("error", "message")),
        "error and message are required");
  }

  @Test
  @DisplayName("every route mounted in the main sources is documented with its method")
  void everyMountedRouteIsDocumented() throws IOException {
    Set<String> mounted = mountedRoutes();
    // a scan that finds nothing would pass vacuously: the API mounts well over a dozen routes today
    assertTrue(mounted.size() >= 16, "routes found by scanning the main sources: " + mounted);
    Set<String> documented = documentedOperations().stream().map(Operation::toString).collect(Collectors.toSet());
    List<String> missing = mounted.stream().filter(route -> !documented.contains(route)).sorted().toList();
    assertEquals(List.of(), missing, "mounted routes missing from openapi.yaml");
  }

  @Test
  @DisplayName("every documented operation is really routed: unauthenticated calls reach a handler and get a documented status")
  void everyDocumentedOperationIsRouted() {
    List<Operation> operations = documentedOperations();
    assertFalse(operations.isEmpty());
    List<String> problems = new ArrayList<>();
    for (Operation op : operations) {
      String path = PATH_PARAM.matcher(op.path()).replaceAll(m -> UUID.randomUUID().toString());
      HttpResponse<Buffer> res = app.client.send(HttpMethod.valueOf(op.method().toUpperCase()), path, null, null).await();
      int status = res.statusCode();
      String answer = op + " (as " + path + ") answered " + status + " " + res.bodyAsString();
      if (status == 405) {
        problems.add(answer + ": the method is not routed");
      } else if (status == 404 && ROUTER_NOT_FOUND.equals(message(res))) {
        problems.add(answer + ": the path is not routed");
      } else if (!op.node().path("responses").has(Integer.toString(status))) {
        problems.add(answer + ": this status is not documented for the operation");
      }
    }
    assertEquals(List.of(), problems);
  }

  /** One documented operation: lower-case method and the path as written in the document. */
  record Operation(String method, String path, JsonNode node) {
    @Override
    public String toString() {
      return method.toUpperCase() + " " + path;
    }
  }

  static List<Operation> documentedOperations() {
    List<Operation> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
      while (ops.hasNext()) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (METHODS.contains(op.getKey())) {
          out.add(new Operation(op.getKey(), path.getKey(), op.getValue()));
        }
      }
    }
    return out;
  }

  /** "GET /api/events/{id}" for each {@code router.get("/api/events/:id")} in the main sources. */
  static Set<String> mountedRoutes() throws IOException {
    Path sources = Stream.of(Path.of("src/main/java"), Path.of("api/src/main/java"))
        .filter(Files::isDirectory)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("cannot find api/src/main/java from " + Path.of("").toAbsolutePath()));
    Set<String> routes = new TreeSet<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = ROUTE.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          routes.add(m.group(1).toUpperCase() + " " + m.group(2).replaceAll(":([A-Za-z0-9_]+)", "{$1}"));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return routes;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        if ("$ref".equals(field.getKey())) {
          refs.add(field.getValue().asText());
        } else {
          collectRefs(field.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }

  /** The node a local {@code $ref} names; missing for anything else. */
  private static JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    return doc.at(JsonPointer.compile(ref.substring(1)));
  }

  private JsonNode deref(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
      current = resolve(current.path("$ref").asText());
    }
    return current;
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out.stream();
  }

  private static String message(HttpResponse<Buffer> res) {
    try {
      return new JsonObject(res.body()).getString("message");
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
