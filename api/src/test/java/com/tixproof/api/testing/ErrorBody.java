package com.tixproof.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Set;

/** The error body of {@code API.md}: status, JSON content type, exactly {@code {"error", "message"}}. */
public final class ErrorBody {
  private ErrorBody() {}

  public static void assertError(HttpResponse<Buffer> res, int status, String code) {
    assertError(res.statusCode(), res.getHeader("Content-Type"), res.bodyAsString(), status, code);
  }

  /** The same check on a raw answer (a status, its Content-Type and body text). */
  public static void assertError(int actualStatus, String contentType, String body, int status, String code) {
    String seen = actualStatus + " " + body;
    assertEquals(status, actualStatus, "status of: " + seen);
    assertNotNull(contentType, "no Content-Type on: " + seen);
    assertTrue(contentType.toLowerCase().startsWith("application/json"), "Content-Type " + contentType + " on: " + seen);
    assertNotNull(body, "no body on a " + actualStatus);
    Object parsed = Json.decodeValue(body);
    JsonObject json = assertInstanceOf(JsonObject.class, parsed, "body is not a JSON object: " + body);
    assertEquals(Set.of("error", "message"), json.fieldNames(), "keys of: " + body);
    assertEquals(code, json.getValue("error"), "error code of: " + body);
    Object message = json.getValue("message");
    assertInstanceOf(String.class, message, "message is not a string: " + body);
    assertFalse(((String) message).isBlank(), "blank message: " + body);
  }
}
