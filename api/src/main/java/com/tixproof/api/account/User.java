package com.tixproof.api.account;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A user row (the password hash never leaves the account package). */
public record User(UUID id, String email, String name, String role) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("email", email).put("name", name).put("role", role);
  }
}
