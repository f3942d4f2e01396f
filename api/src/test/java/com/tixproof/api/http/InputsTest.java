package com.tixproof.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Strict readers of request input")
class InputsTest {
  static void refused(ErrorCode code, Executable read) {
    ApiException refused = assertThrows(ApiException.class, read);
    assertEquals(code, refused.code(), refused.getMessage());
  }

  static JsonObject parse(String json) {
    return new JsonObject(json);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"n\": 1}", "{\"n\": 10}", "{\"n\": 5}"})
  @DisplayName("integer reads whole JSON numbers within the bounds")
  void integerAccepts(String json) {
    long n = Inputs.integer(parse(json), "n", 1, 10);
    assertEquals(parse(json).getLong("n"), n);
  }

  @Test
  @DisplayName("integer reads values up to Long.MAX_VALUE when allowed")
  void integerLong() {
    assertEquals(Long.MAX_VALUE, Inputs.integer(parse("{\"n\": 9223372036854775807}"), "n", 1, Long.MAX_VALUE));
  }

  @ParameterizedTest(name = "{0} is invalid_request")
  @ValueSource(strings = {"{}", "{\"n\": null}", "{\"n\": 0}", "{\"n\": 11}", "{\"n\": -1}", "{\"n\": 1.5}", "{\"n\": 2.0}",
      "{\"n\": \"5\"}", "{\"n\": true}", "{\"n\": [5]}", "{\"n\": {\"v\": 5}}", "{\"n\": 1000000000000000000000000000000}",
      "{\"n\": 1e3}"})
  @DisplayName("integer refuses missing, out-of-range, fractional, textual and huge values")
  void integerRefuses(String json) {
    refused(ErrorCode.INVALID_REQUEST, () -> Inputs.integer(parse(json), "n", 1, 10));
  }

  @Test
  @DisplayName("text strips surrounding space and keeps what is inside")
  void textStrips() {
    assertEquals("Teatro Caupolicán", Inputs.text(parse("{\"s\": \"  Teatro Caupolicán \\t\"}"), "s", 200));
  }

  @Test
  @DisplayName("text counts characters, not UTF-16 units: 3 emoji fit a limit of 3")
  void textCountsCodePoints() {
    assertEquals("🎫🎫🎫", Inputs.text(parse("{\"s\": \"🎫🎫🎫\"}"), "s", 3));
    refused(ErrorCode.INVALID_REQUEST, () -> Inputs.text(parse("{\"s\": \"🎫🎫🎫🎫\"}"), "s", 3));
  }

  @ParameterizedTest(name = "{0} is invalid_request")
  @ValueSource(strings = {"{}", "{\"s\": null}", "{\"s\": \"\"}", "{\"s\": \"   \"}", "{\"s\": 5}", "{\"s\": \"abcdef\"}",
      "{\"s\": \"a\\nb\"}", "{\"s\": \"a\\u0000b\"}"})
  @DisplayName("text refuses missing, blank, non-string, too long and control-character values")
  void textRefuses(String json) {
    refused(ErrorCode.INVALID_REQUEST, () -> Inputs.text(parse(json), "s", 5));
  }

  @Test
  @DisplayName("instant reads ISO-8601 in UTC or with an offset")
  void instantAccepts() {
    assertEquals(Instant.parse("2027-03-01T20:00:00Z"), Inputs.instant(parse("{\"t\": \"2027-03-01T20:00:00Z\"}"), "t"));
    assertEquals(Instant.parse("2027-03-01T23:00:00Z"), Inputs.instant(parse("{\"t\": \"2027-03-01T20:00:00-03:00\"}"), "t"));
  }

  @ParameterizedTest(name = "\"{0}\" is invalid_request")
  @ValueSource(strings = {"2027-03-01", "2027-03-01 20:00", "tomorrow", "2027-13-01T20:00:00Z"})
  @DisplayName("instant refuses what is not an ISO-8601 time")
  void instantRefuses(String raw) {
    refused(ErrorCode.INVALID_REQUEST, () -> Inputs.instant(new JsonObject().put("t", raw), "t"));
  }

  @Test
  @DisplayName("id reads a UUID")
  void idAccepts() {
    UUID id = UUID.randomUUID();
    assertEquals(id, Inputs.id(id.toString(), "event"));
  }

  @ParameterizedTest(name = "\"{0}\" is not_found")
  @ValueSource(strings = {"", "nope", "123", "00000000-0000-0000-0000-00000000000g", "00000000000000000000000000000000",
      "{00000000-0000-0000-0000-000000000000}"})
  @DisplayName("id answers anything that is not a UUID as an unknown id: not_found")
  void idRefuses(String raw) {
    refused(ErrorCode.NOT_FOUND, () -> Inputs.id(raw, "event"));
  }

  @Test
  @DisplayName("id of null is not_found")
  void idNull() {
    refused(ErrorCode.NOT_FOUND, () -> Inputs.id(null, "event"));
  }
}
