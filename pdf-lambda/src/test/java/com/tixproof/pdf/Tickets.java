package com.tixproof.pdf;

import java.util.LinkedHashMap;
import java.util.Map;

/** Contract inputs for tests (and the bench, through the test jar). */
public final class Tickets {
  public static final String TOKEN = "v1.eyJwIjoiMDE5My00YjVhIiwiZSI6ImV2LTEiLCJxIjoyLCJoIjoiYW5hQGV4YW1wbGUuY29tIn0."
      + "q9Kx3mVb7N2wL0pR5sT8uY1zA4cD6eF9gH2jK5lM8nP1qR4sT7uV0wX3yZ6aB9cD2eF5gH8jK1lM4nP7qR0sT3u";

  private Tickets() {}

  /** The contract's example input, with a token shaped like the API's. */
  public static Map<String, Object> input() {
    return input(TOKEN);
  }

  /** The contract's example input with this QR payload. */
  public static Map<String, Object> input(String token) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("purchaseId", "0193a4b5-6c7d-7e8f-9a0b-1c2d3e4f5a6b");
    in.put("ticketCode", "TX-7KQ2-M9ZD");
    in.put("token", token);
    in.put("organizer", "Tixproof");
    in.put("buyerName", "Ana Pérez");
    in.put("buyerEmail", "ana@example.com");
    in.put("eventName", "Jazz Night");
    in.put("venue", "Teatro Municipal");
    in.put("startsAt", "2026-12-24T21:00:00Z");
    in.put("quantity", 2);
    in.put("amount", 30000);
    in.put("currency", "CLP");
    return in;
  }

  public static Map<String, Object> with(String field, Object value) {
    Map<String, Object> in = input();
    in.put(field, value);
    return in;
  }
}
