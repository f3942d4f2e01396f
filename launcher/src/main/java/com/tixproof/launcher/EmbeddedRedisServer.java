package com.tixproof.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/** Embedded Redis 6.2 on loopback, without persistence (the master re-queues if it loses its data). */
public final class EmbeddedRedisServer {
  private EmbeddedRedisServer() {}

  public static RedisServer start(int port) throws IOException {
    RedisServer server = RedisServer.newRedisServer()
        .port(port)
        .bind("127.0.0.1")
        .setting("save \"\"")
        .setting("appendonly no")
        .build();
    server.start();
    return server;
  }

  public static void stop(RedisServer server) {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
