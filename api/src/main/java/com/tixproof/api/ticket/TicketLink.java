package com.tixproof.api.ticket;

import io.vertx.core.json.JsonObject;

/** Where the function stored a ticket: {@code {bucket, key, url}} of the contract's output. */
public record TicketLink(String bucket, String key, String url) {

  /** Reads the function's output; anything missing or odd is a failed render, not a ticket. */
  public static TicketLink fromJson(JsonObject out) {
    String bucket = out.getValue("bucket") instanceof String b ? b : null;
    String key = out.getValue("key") instanceof String k ? k : null;
    String url = out.getValue("url") instanceof String u ? u : null;
    if (bucket == null || key == null || url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
      throw new IllegalArgumentException("ticket function answered without bucket, key and an http(s) url: " + out.encode());
    }
    return new TicketLink(bucket, key, url);
  }
}
