package com.tixproof.workers.master;

import com.tixproof.workers.RedisAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The job master's settings from its environment. */
public record MasterConfig(
    String host, int port, String databaseUrl, int dbPoolSize, RedisAddress redis,
    String apiUrl, String callbackSecret, long taskSize, Duration targetWait) {

  public static MasterConfig fromEnv(Map<String, String> env) {
    String db = env.get("DATABASE_URL");
    if (db == null || db.isBlank()) {
      throw new IllegalArgumentException("DATABASE_URL is required");
    }
    String secret = callbackSecret(env);
    return new MasterConfig(
        env.getOrDefault("MASTER_HOST", "0.0.0.0"),
        Integer.parseInt(env.getOrDefault("MASTER_PORT", "8081")),
        db,
        Integer.parseInt(env.getOrDefault("MASTER_DB_POOL_SIZE", "8")),
        RedisAddress.fromEnv(env),
        stripSlash(env.getOrDefault("API_URL", "http://127.0.0.1:8080")),
        secret,
        Long.parseLong(env.getOrDefault("TASK_SIZE", "250000")),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("TARGET_WAIT_SECONDS", "5"))));
  }

  /**
   * {@code CALLBACK_SECRET}, or else the contents of the file named by {@code CALLBACK_SECRET_FILE}
   * (the API's generated {@code DATA_DIR/secrets/callback.key} on a shared volume or host).
   */
  static String callbackSecret(Map<String, String> env) {
    String secret = env.get("CALLBACK_SECRET");
    if (secret != null && !secret.isBlank()) {
      return secret;
    }
    String file = env.get("CALLBACK_SECRET_FILE");
    if (file != null && !file.isBlank()) {
      try {
        secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new IllegalArgumentException("CALLBACK_SECRET_FILE " + file + " cannot be read: " + e.getMessage(), e);
      }
      if (!secret.isEmpty()) {
        return secret;
      }
    }
    throw new IllegalArgumentException("CALLBACK_SECRET or CALLBACK_SECRET_FILE is required (the API's, to sign callbacks)");
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
