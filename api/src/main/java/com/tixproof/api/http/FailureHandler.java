package com.tixproof.api.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
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

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ErrorCode code;
    String message;
    if (failure instanceof ApiException api) {
      code = api.code();
      message = api.getMessage();
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
    if (code == ErrorCode.PAYLOAD_TOO_LARGE) {
      // the rest of an oversized body is not read: tell the client the connection ends here
      response.putHeader("Connection", "close");
    }
    response.setStatusCode(code.status())
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", code.wire()).put("message", message).encode());
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
