package com.tixproof.workers.master;

import com.tixproof.workers.RedisAddress;
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
    String secret = env.get("CALLBACK_SECRET");
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("CALLBACK_SECRET is required (the API's, to sign callbacks)");
    }
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

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
