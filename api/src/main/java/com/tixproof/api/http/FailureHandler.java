package com.tixproof.api.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that writes error bodies: {@code {"error": code, "message": text}}. Expected
 * failures ({@link ApiException}) are answered as they are; anything else is a 500 whose cause is
 * logged with the request, never shown to the client.
 */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  /** How long, and how much, of a refused oversized body is read and dropped before the connection closes. */
  static final long LINGER_MILLIS = 5_000;
  static final long LINGER_BYTES = 16L * 1024 * 1024;

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ErrorCode code;
    String message;
    if (failure instanceof ApiException api) {
      code = api.code();
      message = api.getMessage();
      if (api.retryAfterSeconds() > 0 && !ctx.response().headWritten()) {
        ctx.response().putHeader("Retry-After", Long.toString(api.retryAfterSeconds()));
      }
    } else if (failure instanceof DecodeException) {
      code = ErrorCode.INVALID_REQUEST;
      message = "body is not valid JSON";
    } else if (failure == null || ctx.statusCode() != 500 && ctx.statusCode() > 0) {
      code = fromStatus(ctx.statusCode());
      message = defaultMessage(code);
    } else {
      code = ErrorCode.INTERNAL_ERROR;
      message = "internal error";
      LOG.error("{} {} failed", ctx.request().method(), ctx.normalizedPath(), failure);
    }
    write(ctx, code, message);
  }

  public static void write(RoutingContext ctx, ErrorCode code, String message) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    boolean endConnection = code == ErrorCode.PAYLOAD_TOO_LARGE && ctx.request().version() != HttpVersion.HTTP_2;
    if (endConnection) {
      // the rest of an oversized body is not read: tell the client the connection ends here
      response.putHeader("Connection", "close");
    }
    Future<Void> sent = response.setStatusCode(code.status())
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", code.wire()).put("message", message).encode());
    if (endConnection) {
      closeAfterDraining(ctx, sent);
    }
  }

  /**
   * Ends the connection of a request whose oversized body was refused. Vert.x does not close it for
   * the header alone, and the body handler leaves the request paused, so it would stay open for good.
   * Closing at once, while the client is still sending, makes TCP reset the connection and clients
   * then often lose the 413; so, like nginx's lingering close, the rest is read and dropped first,
   * for at most {@link #LINGER_MILLIS} and {@link #LINGER_BYTES}.
   */
  private static void closeAfterDraining(RoutingContext ctx, Future<Void> sent) {
    HttpServerRequest request = ctx.request();
    HttpConnection connection = request.connection();
    Runnable close = () -> sent.onComplete(written -> connection.close());
    if (request.isEnded()) {
      close.run();
      return;
    }
    long timer = ctx.vertx().setTimer(LINGER_MILLIS, t -> close.run());
    long[] drained = {0};
    request.handler(chunk -> {
      drained[0] += chunk.length();
      if (drained[0] > LINGER_BYTES) {
        ctx.vertx().cancelTimer(timer);
        close.run();
      }
    });
    request.endHandler(end -> {
      ctx.vertx().cancelTimer(timer);
      close.run();
    });
    request.resume();
  }

  static ErrorCode fromStatus(int status) {
    return switch (status) {
      case 400 -> ErrorCode.INVALID_REQUEST;
      case 401 -> ErrorCode.UNAUTHORIZED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 429 -> ErrorCode.RATE_LIMITED;
      case 503 -> ErrorCode.UNAVAILABLE;
      default -> status >= 400 && status < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL_ERROR;
    };
  }

  static String defaultMessage(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> "no such resource";
      case METHOD_NOT_ALLOWED -> "method not allowed on this resource";
      case PAYLOAD_TOO_LARGE -> "request body is larger than 64 KiB";
      case UNAUTHORIZED -> "authentication required";
      case FORBIDDEN -> "not allowed";
      case UNSUPPORTED_MEDIA_TYPE -> "body must be application/json";
      default -> "request could not be processed";
    };
  }
}
