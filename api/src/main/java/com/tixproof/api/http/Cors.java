package com.tixproof.api.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cross-origin access for a front end served from another origin (S3 + CloudFront calling the API's
 * domain): only the origins listed in {@code CORS_ALLOWED_ORIGINS}, with the headers the front end
 * sends. Bearer tokens travel in a header, so no cookies and no credentials mode.
 */
public final class Cors {
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

  private Cors() {}

  /** Parses {@code CORS_ALLOWED_ORIGINS}: comma-separated origins such as {@code https://d111.cloudfront.net}. */
  public static List<String> parseOrigins(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    List<String> origins = List.of(raw.trim().split("\\s*,\\s*"));
    for (String o : origins) {
      if (!ORIGIN.matcher(o).matches()) {
        throw new IllegalArgumentException("CORS_ALLOWED_ORIGINS: '" + o + "' is not an origin like https://shop.example.com");
      }
    }
    return origins;
  }

  /**
   * Grants the listed origins and answers their preflights; any other request passes through
   * untouched. Nothing is refused here: the browser enforces CORS, and a same-origin page (the API
   * serving the front end, or nginx proxying it) also sends an Origin header that must keep working.
   */
  public static void mount(Router router, List<String> origins) {
    Set<String> allowed = Set.copyOf(origins);
    router.route().handler(ctx -> {
      HttpServerResponse response = ctx.response();
      response.headers().add("Vary", "Origin");
      String origin = ctx.request().getHeader("Origin");
      if (origin != null && allowed.contains(origin)) {
        response.putHeader("Access-Control-Allow-Origin", origin)
            .putHeader("Access-Control-Expose-Headers", "Retry-After, Location");
        if (ctx.request().method() == HttpMethod.OPTIONS && ctx.request().getHeader("Access-Control-Request-Method") != null) {
          response.putHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
              .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, Last-Event-ID")
              .putHeader("Access-Control-Max-Age", "600")
              .setStatusCode(204)
              .end();
          return;
        }
      }
      ctx.next();
    });
  }
}
