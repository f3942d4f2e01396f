package com.tixproof.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bench's options, parsed once. Each comes from an environment variable or a
 * {@code NAME=value} / {@code --name=value} argument (arguments win).
 *
 * @param clients concurrent closed-loop clients (and pgbench {@code -c})
 * @param seconds measured seconds per phase (and pgbench {@code -T})
 * @param warmupSeconds unmeasured seconds before each phase's measurement
 * @param clientsPerEvent how many clients share one event's seat row
 * @param baseUrl an API that is already running; empty to start one in-process
 * @param databaseUrl the PostgreSQL to use (and to measure the ceiling on); empty for embedded
 * @param adminEmail the admin that creates the events (given for an external API)
 * @param adminPassword its password
 * @param apiLog where the in-process API writes its log; empty for a file in the run's temp dir
 * @param pgbench the pgbench binary
 * @param pgbenchScale {@code pgbench -i -s}
 * @param pgbenchThreads {@code pgbench -j}
 * @param ceiling whether to measure the pgbench ceiling at all
 * @param environment the environment with the arguments laid over it: what the in-process API is
 *     configured from, so {@code DB_POOL_SIZE=8} works as an argument too
 */
record BenchSettings(
    int clients,
    int seconds,
    int warmupSeconds,
    int clientsPerEvent,
    Optional<URI> baseUrl,
    Optional<String> databaseUrl,
    Optional<String> adminEmail,
    Optional<String> adminPassword,
    Optional<String> apiLog,
    String pgbench,
    int pgbenchScale,
    int pgbenchThreads,
    boolean ceiling,
    Map<String, String> environment) {

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

  static BenchSettings parse(String[] args, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("arguments are NAME=value or --name=value, got " + arg);
      }
      String name = arg.substring(0, eq).replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
      all.put(name, arg.substring(eq + 1));
    }
    int clients = integer(all, "CLIENTS", 32, 1, 1024);
    Optional<URI> baseUrl = text(all, "BASE_URL").map(URI::create);
    baseUrl.ifPresent(u -> requireLoopback("BASE_URL", u.getHost()));
    Optional<String> databaseUrl = text(all, "DATABASE_URL");
    databaseUrl.ifPresent(u -> requireLoopback("DATABASE_URL", URI.create(u.startsWith("jdbc:") ? u.substring(5) : u).getHost()));
    return new BenchSettings(
        clients,
        integer(all, "SECONDS", 20, 1, 3600),
        integer(all, "WARMUP_SECONDS", 5, 0, 3600),
        integer(all, "CLIENTS_PER_EVENT", 4, 1, 1024),
        baseUrl,
        databaseUrl,
        text(all, "ADMIN_EMAIL"),
        text(all, "ADMIN_PASSWORD"),
        text(all, "API_LOG"),
        text(all, "PGBENCH").orElse("/usr/bin/pgbench"),
        integer(all, "PGBENCH_SCALE", 10, 1, 10_000),
        Math.min(clients, integer(all, "PGBENCH_THREADS", 2, 1, 64)),
        !text(all, "CEILING").map(v -> v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("off")).orElse(false),
        Map.copyOf(all));
  }

  /** The API's log level: {@code LOG_LEVEL} as its logback.xml reads it, INFO by default. */
  String logLevel() {
    return text(environment, "LOG_LEVEL").orElse("INFO");
  }

  /** Events created for the run: one per {@link #clientsPerEvent} clients, rounded up. */
  int events() {
    return (clients + clientsPerEvent - 1) / clientsPerEvent;
  }

  /** The whole run is bounded: two phases, the ceiling, and generous room for set-up and stops. */
  long deadlineSeconds() {
    return 2L * (warmupSeconds + seconds + 30) + (seconds + 180) + 300;
  }

  /** This bench sends traffic to this machine only. */
  private static void requireLoopback(String name, String host) {
    if (host == null || !LOOPBACK.contains(host.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(name + " must point at 127.0.0.1 (the bench only loads this machine), got host " + host);
    }
  }

  private static Optional<String> text(Map<String, String> all, String name) {
    return Optional.ofNullable(all.get(name)).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static int integer(Map<String, String> all, String name, int fallback, int min, int max) {
    Optional<String> raw = text(all, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(raw.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got " + raw.get(), e);
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}
