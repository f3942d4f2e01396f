package com.tixproof.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Strict readers for request input. Each throws {@link ApiException} with {@code invalid_request}
 * and a message naming the field, so handlers read validated values only.
 */
public final class Inputs {
  private Inputs() {}

  /** The body as a JSON object; an empty, malformed or non-object body is a 400. */
  public static JsonObject body(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      throw ApiException.invalid("a JSON object body is required");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(raw);
    } catch (DecodeException malformed) {
      throw ApiException.invalid("body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiException.invalid("body must be a JSON object");
    }
    return object;
  }

  /** A JSON integer (not a float, not a string) within [min, max]. */
  public static long integer(JsonObject body, String field, long min, long max) {
    Object value = body.getValue(field);
    if (value == null) {
      throw ApiException.invalid(field + " is required");
    }
    if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)) {
      if (value instanceof Number) {
        throw ApiException.invalid(field + " must be a whole number between " + min + " and " + max);
      }
      throw ApiException.invalid(field + " must be a number");
    }
    long n = ((Number) value).longValue();
    if (n < min || n > max) {
      throw ApiException.invalid(field + " must be between " + min + " and " + max);
    }
    return n;
  }

  /** A non-blank string of at most {@code maxLength} characters, trimmed. */
  public static String text(JsonObject body, String field, int maxLength) {
    Object value = body.getValue(field);
    if (value == null) {
      throw ApiException.invalid(field + " is required");
    }
    if (!(value instanceof String s)) {
      throw ApiException.invalid(field + " must be a string");
    }
    String trimmed = s.strip();
    if (trimmed.isEmpty()) {
      throw ApiException.invalid(field + " must not be blank");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
      throw ApiException.invalid(field + " must be at most " + maxLength + " characters");
    }
    if (trimmed.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      throw ApiException.invalid(field + " must not contain control characters");
    }
    return trimmed;
  }

  public static Instant instant(JsonObject body, String field) {
    String raw = text(body, field, 64);
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException bad) {
      try {
        return java.time.OffsetDateTime.parse(raw).toInstant();
      } catch (DateTimeParseException alsoBad) {
        throw ApiException.invalid(field + " must be an ISO-8601 time, e.g. 2027-03-01T20:00:00Z");
      }
    }
  }

  /**
   * An id from a path or body. Ids are UUIDs; anything else cannot name a row, so it is answered
   * like an unknown id (404), which leaks nothing about what exists.
   */
  public static UUID id(String raw, String what) {
    if (raw == null || raw.length() != 36) {
      throw ApiException.notFound(what);
    }
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException notUuid) {
      throw ApiException.notFound(what);
    }
  }

  /** {@code ?limit=} with a default and a ceiling. */
  public static int limit(RoutingContext ctx, int fallback, int max) {
    String raw = ctx.request().getParam("limit");
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n < 1 || n > max) {
        throw ApiException.invalid("limit must be between 1 and " + max);
      }
      return n;
    } catch (NumberFormatException notNumber) {
      throw ApiException.invalid("limit must be between 1 and " + max);
    }
  }

  /** The {@code Idempotency-Key} header, required on money-moving calls. */
  public static String idempotencyKey(RoutingContext ctx) {
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key == null || key.isBlank()) {
      throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REQUIRED, "the Idempotency-Key header is required");
    }
    if (key.length() > 200 || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw ApiException.invalid("Idempotency-Key must be 1 to 200 visible ASCII characters");
    }
    return key;
  }
}
