package com.tixproof.api.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.UUID;

/**
 * Issues and checks the bearer tokens: HS256 JWTs signed with {@code JWT_SECRET}, carrying the
 * user id ({@code sub}) and role. A missing, forged or expired token is a 401 {@code unauthorized};
 * a customer on an admin route is a 403 {@code forbidden}.
 */
public final class Auth {
  private static final String PRINCIPAL = "principal";
  private final JWTAuth jwt;
  private final Duration ttl;

  public Auth(Vertx vertx, String secret, Duration ttl) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    this.ttl = ttl;
  }

  public String issue(UUID userId, String role) {
    return jwt.generateToken(
        new JsonObject().put("role", role),
        new JWTOptions().setAlgorithm("HS256").setSubject(userId.toString())
            .setExpiresInSeconds((int) Math.min(Integer.MAX_VALUE, ttl.toSeconds())));
  }

  /** Requires a valid token; on GET requests it may also come as {@code ?access_token=} (EventSource cannot set headers). */
  public Handler<RoutingContext> user() {
    return ctx -> {
      String token = bearer(ctx);
      if (token == null) {
        ctx.fail(new ApiException(ErrorCode.UNAUTHORIZED, "a bearer token is required"));
        return;
      }
      jwt.authenticate(new TokenCredentials(token))
          .onSuccess(user -> {
            JsonObject claims = user.principal();
            UUID userId;
            try {
              userId = UUID.fromString(claims.getString("sub", ""));
            } catch (IllegalArgumentException noSubject) {
              ctx.fail(new ApiException(ErrorCode.UNAUTHORIZED, "token has no valid subject"));
              return;
            }
            ctx.put(PRINCIPAL, new Principal(userId, claims.getString("role", Principal.CUSTOMER)));
            ctx.next();
          })
          .onFailure(bad -> ctx.fail(new ApiException(ErrorCode.UNAUTHORIZED, "token is invalid or expired")));
    };
  }

  /** Runs after {@link #user()}: only admins pass. */
  public Handler<RoutingContext> admin() {
    return ctx -> {
      if (!principal(ctx).isAdmin()) {
        ctx.fail(new ApiException(ErrorCode.FORBIDDEN, "this needs an admin account"));
        return;
      }
      ctx.next();
    };
  }

  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    if (p == null) {
      throw new IllegalStateException("route " + ctx.normalizedPath() + " has no auth handler before it");
    }
    return p;
  }

  /** The caller's user id for logs, or null before authentication. */
  public static UUID userIdOrNull(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    return p == null ? null : p.userId();
  }

  private static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = header.substring(7).trim();
      return token.isEmpty() ? null : token;
    }
    if (ctx.request().method() == io.vertx.core.http.HttpMethod.GET) {
      String query = ctx.request().getParam("access_token");
      return query == null || query.isEmpty() ? null : query;
    }
    return null;
  }
}
