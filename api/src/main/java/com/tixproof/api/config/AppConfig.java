package com.tixproof.api.config;

import com.tixproof.api.http.Cors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the API reads from its environment, parsed once. Every variable has a safe local
 * default; the README's table lists them all. Secrets that are not given are generated on first
 * start and kept under {@code DATA_DIR/secrets} (see {@link Secrets}).
 */
public record AppConfig(
    String host,
    int port,
    int httpInstances,
    Path dataDir,
    String databaseUrl,
    int dbPoolSize,
    String jwtSecret,
    Duration jwtTtl,
    String callbackSecret,
    Optional<String> adminEmail,
    Optional<String> adminPassword,
    String adminName,
    String currency,
    long topUpMax,
    int challengeCount,
    long challengeSecretMax,
    Duration purchaseProofTimeout,
    Duration sweepInterval,
    Argon2Params argon2,
    int loginMaxPerMinutePerEmail,
    int loginMaxPerMinutePerAddress,
    boolean trustForwardedFor,
    boolean seedDemoEvents,
    Optional<String> masterUrl,
    Duration outboxPollInterval,
    Duration workerStatusStaleAfter,
    String publicBaseUrl,
    TicketConfig tickets,
    MailConfig mail,
    Optional<Path> frontendDir,
    List<String> corsAllowedOrigins) {

  /** Argon2id cost. Defaults follow OWASP's 2024 minimum: 19 MiB, 2 passes, 1 lane. */
  public record Argon2Params(int memoryKib, int iterations, int parallelism) {}

  public static AppConfig fromEnv(Map<String, String> env) {
    Env e = new Env(env);
    Path dataDir = Path.of(e.get("DATA_DIR", "./.data")).toAbsolutePath().normalize();
    String databaseUrl = e.get("DATABASE_URL", null);
    if (databaseUrl == null || databaseUrl.isBlank()) {
      throw new IllegalArgumentException("DATABASE_URL is required (the launcher sets it for embedded PostgreSQL)");
    }
    Secrets secrets = new Secrets(dataDir.resolve("secrets"));
    int port = e.integer("PORT", 8080, 0, 65535);
    return new AppConfig(
        e.get("HOST", "0.0.0.0"),
        port,
        e.integer("HTTP_INSTANCES", Runtime.getRuntime().availableProcessors(), 1, 64),
        dataDir,
        databaseUrl,
        e.integer("DB_POOL_SIZE", 16, 1, 500),
        e.secret("JWT_SECRET", secrets, "jwt.key"),
        e.duration("JWT_TTL", Duration.ofHours(24)),
        e.secret("CALLBACK_SECRET", secrets, "callback.key"),
        Optional.ofNullable(e.get("ADMIN_EMAIL", null)).filter(s -> !s.isBlank()),
        Optional.ofNullable(e.get("ADMIN_PASSWORD", null)).filter(s -> !s.isBlank()),
        e.get("ADMIN_NAME", "Administrator"),
        e.get("CURRENCY", "CLP"),
        e.longValue("TOP_UP_MAX", 10_000_000L, 1, Long.MAX_VALUE / 4),
        e.integer("CHALLENGES_PER_PURCHASE", 3, 1, 64),
        e.longValue("CHALLENGE_SECRET_MAX", 500_000L, 1, 1_000_000_000_000L),
        e.duration("PURCHASE_PROOF_TIMEOUT", Duration.ofMinutes(10)),
        e.duration("SWEEP_INTERVAL", Duration.ofSeconds(5)),
        new Argon2Params(
            e.integer("ARGON2_MEMORY_KIB", 19_456, 8, 4 * 1024 * 1024),
            e.integer("ARGON2_ITERATIONS", 2, 1, 100),
            e.integer("ARGON2_PARALLELISM", 1, 1, 16)),
        e.integer("LOGIN_MAX_PER_MINUTE_PER_EMAIL", 10, 1, 1_000_000),
        e.integer("LOGIN_MAX_PER_MINUTE_PER_ADDRESS", 60, 1, 1_000_000),
        e.bool("TRUST_FORWARDED_FOR", false),
        e.bool("SEED_DEMO_EVENTS", false),
        Optional.ofNullable(e.get("MASTER_URL", null)).filter(s -> !s.isBlank()),
        e.duration("OUTBOX_POLL_INTERVAL", Duration.ofSeconds(1)),
        e.duration("WORKER_STATUS_STALE_AFTER", Duration.ofSeconds(3)),
        stripSlash(e.get("PUBLIC_BASE_URL", "http://localhost:" + port)),
        TicketConfig.fromEnv(e, secrets, dataDir),
        MailConfig.fromEnv(e, dataDir),
        frontendDir(e),
        Cors.parseOrigins(e.get("CORS_ALLOWED_ORIGINS", "")));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** {@code FRONTEND_DIR}, else {@code frontend/dist} when it exists (the run command builds it), else none. */
  static Optional<Path> frontendDir(Env e) {
    String given = e.get("FRONTEND_DIR", null);
    Path dir = Path.of(given != null ? given : "frontend/dist").toAbsolutePath().normalize();
    if (Files.isDirectory(dir)) {
      return Optional.of(dir);
    }
    if (given != null) {
      throw new IllegalArgumentException("FRONTEND_DIR must be a folder with the built front end, got " + given);
    }
    return Optional.empty();
  }

  /** Typed reads with the variable's name in every error. */
  static final class Env {
    private final Map<String, String> env;

    Env(Map<String, String> env) {
      this.env = env;
    }

    String get(String name, String fallback) {
      String value = env.get(name);
      return value == null || value.isEmpty() ? fallback : value;
    }

    int integer(String name, int fallback, int min, int max) {
      return (int) longValue(name, fallback, min, max);
    }

    long longValue(String name, long fallback, long min, long max) {
      String raw = get(name, null);
      if (raw == null) {
        return fallback;
      }
      try {
        long value = Long.parseLong(raw.trim().replace("_", ""));
        if (value < min || value > max) {
          throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + raw);
        }
        return value;
      } catch (NumberFormatException notANumber) {
        throw new IllegalArgumentException(name + " must be an integer, got " + raw, notANumber);
      }
    }

    boolean bool(String name, boolean fallback) {
      String raw = get(name, null);
      if (raw == null) {
        return fallback;
      }
      return switch (raw.trim().toLowerCase()) {
        case "1", "true", "yes", "on" -> true;
        case "0", "false", "no", "off" -> false;
        default -> throw new IllegalArgumentException(name + " must be true or false, got " + raw);
      };
    }

    Duration duration(String name, Duration fallback) {
      String raw = get(name, null);
      return raw == null ? fallback : Durations.parse(name, raw);
    }

    String secret(String name, Secrets secrets, String file) {
      String given = get(name, null);
      return given != null ? given : secrets.loadOrCreate(file);
    }
  }
}
