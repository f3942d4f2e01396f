package com.tixproof.workers;

import java.net.URI;
import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/** {@code REDIS_URL} ({@code redis://[:password@]host:port}), shared by the master and the workers. */
public record RedisAddress(String host, int port, String password) {

  public static RedisAddress fromEnv(Map<String, String> env) {
    URI uri = URI.create(env.getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"));
    String password = null;
    String info = uri.getUserInfo();
    if (info != null) {
      password = info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
    }
    return new RedisAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), password);
  }

  public HostAndPort hostAndPort() {
    return new HostAndPort(host, port);
  }

  /** RESP2 (Redis 6.2 here), no protocol negotiation. */
  public JedisClientConfig clientConfig(int timeoutMillis) {
    return DefaultJedisClientConfig.builder().autoNegotiateProtocol(false).password(password).timeoutMillis(timeoutMillis).build();
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
