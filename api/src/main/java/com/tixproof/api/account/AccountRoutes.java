package com.tixproof.api.account;

import com.tixproof.api.http.Auth;
import com.tixproof.api.http.ClientAddress;
import com.tixproof.api.http.Inputs;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/auth/*} and {@code /api/me}. */
public final class AccountRoutes {
  private final AccountService accounts;
  private final Auth auth;
  private final ClientAddress clientAddress;

  public AccountRoutes(AccountService accounts, Auth auth, ClientAddress clientAddress) {
    this.accounts = accounts;
    this.auth = auth;
    this.clientAddress = clientAddress;
  }

  public void mount(Router router) {
    router.post("/api/auth/register").handler(this::register);
    router.post("/api/auth/login").handler(this::login);
    router.get("/api/me").handler(auth.user()).handler(this::me);
  }

  private void register(RoutingContext ctx) {
    JsonObject body = Inputs.body(ctx);
    String email = AccountService.normalizeEmail(Inputs.text(body, "email", 254));
    String name = Inputs.text(body, "name", 200);
    String password = password(body);
    AccountService.checkPassword(password);
    accounts.register(email, name, password)
        .onSuccess(session -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(sessionJson(session).encode()))
        .onFailure(ctx::fail);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Inputs.body(ctx);
    String email = AccountService.normalizeEmail(Inputs.text(body, "email", 254));
    String password = password(body);
    accounts.login(email, password, clientAddress.of(ctx))
        .onSuccess(session -> ctx.json(sessionJson(session)))
        .onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    accounts.me(Auth.principal(ctx).userId())
        .onSuccess(user -> ctx.json(user.toJson()))
        .onFailure(ctx::fail);
  }

  /** Passwords are taken as typed: not trimmed. */
  private static String password(JsonObject body) {
    Object value = body.getValue("password");
    if (!(value instanceof String s)) {
      throw com.tixproof.api.http.ApiException.invalid(value == null ? "password is required" : "password must be a string");
    }
    return s;
  }

  private static JsonObject sessionJson(AccountService.Session session) {
    return new JsonObject().put("user", session.user().toJson()).put("token", session.token());
  }
}
