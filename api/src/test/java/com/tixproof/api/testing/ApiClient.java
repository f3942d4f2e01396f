package com.tixproof.api.testing;

import com.tixproof.api.purchase.CallbackSignature;
import com.tixproof.protocol.Challenges;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** The API as a client sees it: plain HTTP calls with the contract's paths and headers. */
public final class ApiClient {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private final WebClient web;

  /** A registered user. */
  public record Session(String token, String userId, String email) {}

  public ApiClient(WebClient web) {
    this.web = web;
  }

  public WebClient web() {
    return web;
  }

  public Future<HttpResponse<Buffer>> send(HttpMethod method, String path, String token, Buffer body) {
    HttpRequest<Buffer> req = web.request(method, path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    if (body == null) {
      return req.send();
    }
    req.putHeader("Content-Type", "application/json");
    return req.sendBuffer(body);
  }

  public Future<HttpResponse<Buffer>> get(String path, String token) {
    return send(HttpMethod.GET, path, token, null);
  }

  public Future<HttpResponse<Buffer>> post(String path, String token, JsonObject body) {
    return send(HttpMethod.POST, path, token, body.toBuffer());
  }

  /** A POST with an Idempotency-Key (null for none) and a raw body. */
  public Future<HttpResponse<Buffer>> postWithKey(String path, String token, String key, Buffer body) {
    HttpRequest<Buffer> req = web.post(path).putHeader("Content-Type", "application/json");
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    if (key != null) {
      req.putHeader("Idempotency-Key", key);
    }
    return req.sendBuffer(body);
  }

  public Future<HttpResponse<Buffer>> register(String email, String name, String password) {
    return post("/api/auth/register", null, new JsonObject().put("email", email).put("name", name).put("password", password));
  }

  /** Registers a fresh user with a unique e-mail. */
  public Future<Session> newUser() {
    String email = "user" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@tixproof.test";
    return register(email, "Test User", "password-123").map(res -> {
      if (res.statusCode() != 201) {
        throw new IllegalStateException("register answered " + res.statusCode() + " " + res.bodyAsString());
      }
      JsonObject body = res.bodyAsJsonObject();
      return new Session(body.getString("token"), body.getJsonObject("user").getString("id"), email);
    });
  }

  /** A user with {@code balance} in the wallet. */
  public Future<Session> newUserWithBalance(long balance) {
    return newUser().compose(s -> balance == 0 ? Future.succeededFuture(s) : topUp(s.token(), balance, UUID.randomUUID().toString()).map(res -> {
      if (res.statusCode() != 201) {
        throw new IllegalStateException("top-up answered " + res.statusCode() + " " + res.bodyAsString());
      }
      return s;
    }));
  }

  public Future<String> adminToken() {
    return post("/api/auth/login", null, new JsonObject().put("email", TestApi.ADMIN_EMAIL).put("password", TestApi.ADMIN_PASSWORD))
        .map(res -> {
          if (res.statusCode() != 200) {
            throw new IllegalStateException("admin login answered " + res.statusCode() + " " + res.bodyAsString());
          }
          return res.bodyAsJsonObject().getString("token");
        });
  }

  public Future<HttpResponse<Buffer>> topUp(String token, Object amount, String key) {
    return postWithKey("/api/wallet/top-ups", token, key, new JsonObject().put("amount", amount).toBuffer());
  }

  public Future<HttpResponse<Buffer>> buy(String token, String eventId, int quantity, String key) {
    return postWithKey("/api/purchases", token, key, new JsonObject().put("eventId", eventId).put("quantity", quantity).toBuffer());
  }

  public Future<Long> balance(String token) {
    return get("/api/wallet", token).map(res -> res.bodyAsJsonObject().getLong("balance"));
  }

  /** Creates an event as admin; returns its id. */
  public Future<String> createEvent(long price, int capacity) {
    return adminToken().compose(admin -> post("/api/events", admin, new JsonObject()
            .put("name", "Test event " + SEQ.incrementAndGet())
            .put("venue", "Test venue")
            .put("startsAt", Instant.now().plus(7, ChronoUnit.DAYS).toString())
            .put("price", price)
            .put("capacity", capacity)))
        .map(res -> {
          if (res.statusCode() != 201) {
            throw new IllegalStateException("create event answered " + res.statusCode() + " " + res.bodyAsString());
          }
          return res.bodyAsJsonObject().getString("id");
        });
  }

  /** Posts solutions signed with the callback secret, as the worker pool does. */
  public Future<HttpResponse<Buffer>> submitSolutions(String depositToken, JsonObject body) {
    Buffer raw = body.toBuffer();
    String signature = new CallbackSignature(TestApi.CALLBACK_SECRET).sign(raw.getBytes());
    return web.post("/api/internal/payments/" + depositToken + "/solutions")
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Signature", signature)
        .sendBuffer(raw);
  }

  /** Buys and proves at once (the worker pool's part played by brute force); returns the purchase as the proof answered it. */
  public Future<JsonObject> buyAndProve(String token, String eventId, int quantity, long secretMax) {
    return buy(token, eventId, quantity, UUID.randomUUID().toString()).compose(bought -> {
      if (bought.statusCode() != 202) {
        throw new IllegalStateException("purchase answered " + bought.statusCode() + " " + bought.bodyAsString());
      }
      JsonObject purchase = bought.bodyAsJsonObject();
      return submitSolutions(purchase.getString("depositToken"), solve(purchase, secretMax)).map(res -> {
        if (res.statusCode() != 200) {
          throw new IllegalStateException("solutions answered " + res.statusCode() + " " + res.bodyAsString());
        }
        return res.bodyAsJsonObject();
      });
    });
  }

  /** Finds every challenge's secret by brute force over [1, secretMax] (what a worker does). */
  public static JsonObject solve(JsonObject purchase, long secretMax) {
    String token = purchase.getString("depositToken");
    JsonArray solutions = new JsonArray();
    for (Object o : purchase.getJsonArray("challenges")) {
      JsonObject c = (JsonObject) o;
      String id = c.getString("challengeId");
      String hash = c.getString("challengeHash");
      long found = -1;
      for (long s = 1; s <= secretMax && found < 0; s++) {
        if (Challenges.hash(token, id, s).equals(hash)) {
          found = s;
        }
      }
      if (found < 0) {
        throw new IllegalStateException("no secret in [1, " + secretMax + "] for challenge " + id);
      }
      solutions.add(new JsonObject().put("challengeId", id).put("secret", found));
    }
    return new JsonObject().put("solutions", solutions);
  }
}
