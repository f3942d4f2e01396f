package com.tixproof.api.idempotency;

/** An answer as it went out the first time: status and the exact JSON text. */
public record StoredResponse(int status, String body, boolean replayed) {
  public static StoredResponse first(int status, String body) {
    return new StoredResponse(status, body, false);
  }
}
