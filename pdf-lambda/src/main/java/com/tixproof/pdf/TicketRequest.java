package com.tixproof.pdf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The function's validated input (the flat JSON object of the ticket contract).
 *
 * @param amount the total paid, in the currency's minor unit
 */
public record TicketRequest(
    String purchaseId,
    String ticketCode,
    String token,
    String organizer,
    String buyerName,
    String buyerEmail,
    String eventName,
    String venue,
    ZonedDateTime startsAt,
    int quantity,
    long amount,
    Currency currency) {

  /** The contract's fields, in its order. */
  public static final List<String> FIELDS = List.of(
      "purchaseId", "ticketCode", "token", "organizer", "buyerName", "buyerEmail",
      "eventName", "venue", "startsAt", "quantity", "amount", "currency");

  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /**
   * Reads and checks the input map as the Lambda runtime (or an in-process caller) hands it over.
   *
   * @throws InvalidTicketRequestException naming every missing or ill-typed field
   */
  public static TicketRequest parse(Map<String, ?> input) {
    if (input == null) {
      throw new InvalidTicketRequestException("the input must be a JSON object with the fields " + FIELDS);
    }
    Reader r = new Reader(input);
    TicketRequest request = new TicketRequest(
        r.text("purchaseId"),
        r.text("ticketCode"),
        r.text("token"),
        r.text("organizer"),
        r.text("buyerName"),
        r.email("buyerEmail"),
        r.text("eventName"),
        r.text("venue"),
        r.dateTime("startsAt"),
        (int) r.integer("quantity", 1, Integer.MAX_VALUE),
        r.integer("amount", 0, Long.MAX_VALUE),
        r.currency("currency"));
    if (!r.problems.isEmpty()) {
      throw new InvalidTicketRequestException("invalid ticket input: " + String.join("; ", r.problems));
    }
    return request;
  }

  /** Collects every problem, so one error message names all of them. */
  private static final class Reader {
    private final Map<String, ?> input;
    private final List<String> problems = new ArrayList<>();

    Reader(Map<String, ?> input) {
      this.input = input;
    }

    private Object present(String field) {
      Object value = input.get(field);
      if (value == null) {
        problems.add(field + " is required");
      }
      return value;
    }

    String text(String field) {
      Object value = present(field);
      if (value == null) {
        return null;
      }
      if (!(value instanceof String s)) {
        problems.add(field + " must be a string, got " + typeOf(value));
        return null;
      }
      if (s.isBlank()) {
        problems.add(field + " must not be blank");
        return null;
      }
      return s.strip();
    }

    String email(String field) {
      String s = text(field);
      if (s != null && !EMAIL.matcher(s).matches()) {
        problems.add(field + " must be an e-mail address, got \"" + shorten(s) + "\"");
        return null;
      }
      return s;
    }

    ZonedDateTime dateTime(String field) {
      String s = text(field);
      if (s == null) {
        return null;
      }
      try {
        return ZonedDateTime.parse(s);
      } catch (DateTimeParseException e) {
        problems.add(field + " must be an ISO-8601 date-time with an offset, like 2026-12-24T21:00:00Z, got \"" + shorten(s) + "\"");
        return null;
      }
    }

    Currency currency(String field) {
      String s = text(field);
      if (s == null) {
        return null;
      }
      if (CURRENCY.matcher(s).matches()) {
        try {
          return Currency.getInstance(s);
        } catch (IllegalArgumentException e) {
          // falls through to the message below
        }
      }
      problems.add(field + " must be an ISO 4217 code like CLP, got \"" + shorten(s) + "\"");
      return null;
    }

    long integer(String field, long min, long max) {
      Object value = present(field);
      if (value == null) {
        return 0;
      }
      BigInteger n = exactInteger(value);
      if (n == null) {
        problems.add(field + " must be a JSON integer, got " + typeOf(value) + (value instanceof Number ? " " + value : ""));
        return 0;
      }
      if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
        problems.add(field + " must be between " + min + " and " + max + ", got " + n);
        return 0;
      }
      return n.longValueExact();
    }

    /** JSON parsers hand integers over as Integer, Long or BigInteger; 2.0 is accepted as 2, 2.5 is not. */
    private static BigInteger exactInteger(Object value) {
      if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
        return BigInteger.valueOf(((Number) value).longValue());
      }
      if (value instanceof BigInteger b) {
        return b;
      }
      if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
        double d = ((Number) value).doubleValue();
        if (Double.isFinite(d)) {
          BigDecimal exact = value instanceof BigDecimal b ? b : BigDecimal.valueOf(d);
          try {
            return exact.toBigIntegerExact();
          } catch (ArithmeticException e) {
            return null;
          }
        }
      }
      return null;
    }

    private static String typeOf(Object value) {
      if (value instanceof String) {
        return "a string";
      }
      if (value instanceof Number) {
        return "a number";
      }
      if (value instanceof Boolean) {
        return "a boolean";
      }
      if (value instanceof Map) {
        return "an object";
      }
      if (value instanceof List || value.getClass().isArray()) {
        return "an array";
      }
      return value.getClass().getSimpleName();
    }

    private static String shorten(String s) {
      return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
  }
}
