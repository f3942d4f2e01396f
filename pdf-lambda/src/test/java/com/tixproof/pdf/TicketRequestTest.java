package com.tixproof.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TicketRequestTest {

  private static String problem(Map<String, Object> input) {
    return assertThrows(InvalidTicketRequestException.class, () -> TicketRequest.parse(input)).getMessage();
  }

  @Test
  @DisplayName("the contract's example parses into typed fields")
  void parsesTheExample() {
    TicketRequest t = TicketRequest.parse(Tickets.input());
    assertEquals("TX-7KQ2-M9ZD", t.ticketCode());
    assertEquals("Ana Pérez", t.buyerName());
    assertEquals(ZonedDateTime.parse("2026-12-24T21:00:00Z"), t.startsAt());
    assertEquals(2, t.quantity());
    assertEquals(30000L, t.amount());
    assertEquals("CLP", t.currency().getCurrencyCode());
  }

  @Test
  @DisplayName("integers arrive as Integer, Long, BigInteger or an integral Double, depending on the JSON parser")
  void integersOfAnyJavaType() {
    assertEquals(3_000_000_000L, TicketRequest.parse(Tickets.with("amount", 3_000_000_000L)).amount());
    assertEquals(7L, TicketRequest.parse(Tickets.with("amount", BigInteger.valueOf(7))).amount());
    assertEquals(2, TicketRequest.parse(Tickets.with("quantity", 2.0)).quantity());
  }

  @Test
  @DisplayName("a null input or an empty object names every required field")
  void emptyInput() {
    assertTrue(problem(null).contains("must be a JSON object"));
    String message = problem(Map.of());
    for (String field : TicketRequest.FIELDS) {
      assertTrue(message.contains(field + " is required"), message);
    }
  }

  @Test
  @DisplayName("ill-typed fields are named with what arrived")
  void illTyped() {
    assertEquals("invalid ticket input: quantity must be a JSON integer, got a string", problem(Tickets.with("quantity", "2")));
    assertEquals("invalid ticket input: quantity must be a JSON integer, got a number 2.5", problem(Tickets.with("quantity", 2.5)));
    assertEquals("invalid ticket input: buyerName must be a string, got a number", problem(Tickets.with("buyerName", 42)));
    assertEquals("invalid ticket input: token must be a string, got an array", problem(Tickets.with("token", List.of("a"))));
    assertEquals("invalid ticket input: organizer must be a string, got an object", problem(Tickets.with("organizer", Map.of())));
    assertEquals("invalid ticket input: venue must not be blank", problem(Tickets.with("venue", "  ")));
  }

  @Test
  @DisplayName("ranges, e-mail, date-time and currency are checked, several problems in one message")
  void values() {
    assertTrue(problem(Tickets.with("quantity", 0)).contains("quantity must be between 1 and 2147483647, got 0"));
    assertTrue(problem(Tickets.with("amount", -1)).contains("amount must be between 0 and"));
    assertTrue(problem(Tickets.with("buyerEmail", "ana at example")).contains("buyerEmail must be an e-mail address"));
    assertTrue(problem(Tickets.with("startsAt", "24/12/2026 21:00")).contains("startsAt must be an ISO-8601 date-time"));
    assertTrue(problem(Tickets.with("startsAt", "2026-12-24T21:00:00")).contains("startsAt must be an ISO-8601 date-time"),
        "a time without an offset is ambiguous");
    assertTrue(problem(Tickets.with("currency", "clp")).contains("currency must be an ISO 4217 code"));
    assertTrue(problem(Tickets.with("currency", "ZZZ")).contains("currency must be an ISO 4217 code"));
    Map<String, Object> two = Tickets.with("quantity", -3);
    two.remove("venue");
    String message = problem(two);
    assertTrue(message.contains("venue is required") && message.contains("quantity must be between"), message);
  }

  @Test
  @DisplayName("a token too long for any QR code is refused as bad input")
  void tokenTooLongForQr() {
    TicketRequest t = TicketRequest.parse(Tickets.with("token", "x".repeat(5000)));
    InvalidTicketRequestException e = assertThrows(InvalidTicketRequestException.class, () -> new TicketRenderer().render(t));
    assertTrue(e.getMessage().startsWith("token cannot be put in a QR code (5000 characters)"), e.getMessage());
  }
}
