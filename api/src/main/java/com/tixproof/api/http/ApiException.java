package com.tixproof.api.http;

/** A failure the client caused or must know about; the failure handler turns it into the error body. */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final long retryAfterSeconds;

  public ApiException(ErrorCode code, String message) {
    this(code, message, 0);
  }

  private ApiException(ErrorCode code, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ErrorCode code() {
    return code;
  }

  /** Seconds the client should wait before trying again ({@code Retry-After}); 0 when not stated. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static ApiException rateLimited(String message, long retryAfterSeconds) {
    return new ApiException(ErrorCode.RATE_LIMITED, message, Math.max(1, retryAfterSeconds));
  }

  public static ApiException invalid(String message) {
    return new ApiException(ErrorCode.INVALID_REQUEST, message);
  }

  public static ApiException notFound(String what) {
    return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
  }
}
