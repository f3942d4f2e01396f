package com.tixproof.workers.worker;

import com.tixproof.workers.RedisAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A worker's settings from its environment. {@code HEARTBEAT_FILE}, when set, is rewritten with the
 * heartbeat's JSON after every beat Redis accepted, so a container health check can test its age.
 */
public record WorkerConfig(
    RedisAddress redis, int threads, String workerId,
    Duration reclaimIdle, Duration heartbeatInterval, Duration heartbeatTtl, Optional<Path> heartbeatFile) {

  public static WorkerConfig fromEnv(Map<String, String> env) {
    int threads = Integer.parseInt(env.getOrDefault("THREADS", Integer.toString(Runtime.getRuntime().availableProcessors())));
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("THREADS must be 1..256, got " + threads);
    }
    String id = env.getOrDefault("WORKER_ID", defaultId());
    return new WorkerConfig(RedisAddress.fromEnv(env), threads, id,
        Duration.ofMillis(Long.parseLong(env.getOrDefault("TASK_RECLAIM_IDLE_MS", "5000"))),
        Duration.ofMillis(Long.parseLong(env.getOrDefault("HEARTBEAT_INTERVAL_MS", "1000"))),
        Duration.ofMillis(Long.parseLong(env.getOrDefault("HEARTBEAT_TTL_MS", "4000"))),
        Optional.ofNullable(env.get("HEARTBEAT_FILE")).filter(s -> !s.isBlank()).map(Path::of));
  }

  static String defaultId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "worker";
    }
    return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 6);
  }
}
