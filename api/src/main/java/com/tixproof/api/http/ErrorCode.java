package com.tixproof.api.http;

/** Every error the API answers with: the wire code of {@code API.md} and its HTTP status. */
public enum ErrorCode {
  INVALID_REQUEST(400),
  IDEMPOTENCY_KEY_REQUIRED(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  INSUFFICIENT_FUNDS(409),
  SOLD_OUT(409),
  EMAIL_TAKEN(409),
  INVALID_STATE(409),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  IDEMPOTENCY_KEY_REUSED(422),
  WRONG_SOLUTION(422),
  RATE_LIMITED(429),
  INTERNAL_ERROR(500),
  UNAVAILABLE(503);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The wire form: {@code insufficient_funds}. */
  public String wire() {
    return name().toLowerCase();
  }
}
