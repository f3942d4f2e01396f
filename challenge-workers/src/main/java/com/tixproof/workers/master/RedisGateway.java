package com.tixproof.workers.master;

import com.tixproof.protocol.Queue;
import com.tixproof.protocol.TaskMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The master's Redis commands. Blocking (Jedis): call them off the event loop. */
final class RedisGateway implements AutoCloseable {
  private final HostAndPort address;
  private final JedisClientConfig clientConfig;
  private final RedisClient redis;

  RedisGateway(MasterConfig config) {
    this.address = config.redis().hostAndPort();
    this.clientConfig = config.redis().clientConfig(3_000);
    this.redis = RedisClient.builder().hostAndPort(address).clientConfig(clientConfig).build();
  }

  /** A dedicated connection, for a blocking read loop. */
  Jedis connect() {
    return new Jedis(address, clientConfig);
  }

  boolean ping() {
    return "PONG".equals(redis.ping());
  }

  /** Creates both consumer groups if missing. */
  void ensureGroups() {
    createGroup(Queue.TASKS, Queue.WORKERS_GROUP);
    createGroup(Queue.RESULTS, Queue.MASTER_GROUP);
  }

  private void createGroup(String stream, String group) {
    try {
      redis.xgroupCreate(stream, group, new StreamEntryID(0, 0), true);
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
        throw e;
      }
    }
  }

  /**
   * Whether Redis still holds our epoch marker. Absent means Redis restarted without its data:
   * whatever was queued is gone and must be queued again. Sets a fresh marker when absent.
   */
  boolean epochLost() {
    if (redis.exists(Queue.EPOCH)) {
      return false;
    }
    ensureGroups();
    return redis.setnx(Queue.EPOCH, UUID.randomUUID().toString()) == 1;
  }

  /** Appends tasks in one round trip; returns their stream ids in order. */
  List<String> enqueue(List<TaskMessage> tasks) {
    try (Pipeline p = redis.pipelined()) {
      List<Response<StreamEntryID>> ids = new ArrayList<>(tasks.size());
      for (TaskMessage t : tasks) {
        ids.add(p.xadd(Queue.TASKS, StreamEntryID.NEW_ENTRY, t.toFields()));
      }
      p.sync();
      List<String> out = new ArrayList<>(ids.size());
      ids.forEach(r -> out.add(r.get().toString()));
      return out;
    }
  }

  /** Tells every worker at once, and leaves the fact for an hour for those that missed it. */
  void announceSolved(String jobId, String challengeId) {
    try (Pipeline p = redis.pipelined()) {
      p.setex(Queue.solvedKey(jobId, challengeId), 3600, "1");
      p.publish(Queue.SOLVED_CHANNEL, Queue.challengeRef(jobId, challengeId));
      p.sync();
    }
  }

  /** Live workers: every heartbeat key still within its TTL. */
  JsonArray workers() {
    List<String> keys = new ArrayList<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    ScanParams params = new ScanParams().match(Queue.WORKER_KEY_PREFIX + "*").count(500);
    do {
      ScanResult<String> page = redis.scan(cursor, params);
      keys.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    JsonArray out = new JsonArray();
    if (keys.isEmpty()) {
      return out;
    }
    for (String value : redis.mget(keys.toArray(String[]::new))) {
      if (value != null) {
        out.add(new JsonObject(value));
      }
    }
    return out;
  }

  /** Entries on the task stream (waiting or being worked on) and those delivered but not acknowledged. */
  JsonObject streamDepth() {
    long length = redis.exists(Queue.TASKS) ? redis.xlen(Queue.TASKS) : 0;
    long pending = 0;
    try {
      pending = redis.xpending(Queue.TASKS, Queue.WORKERS_GROUP).getTotal();
    } catch (JedisDataException noGroup) {
      // no group yet: nothing pending
    }
    return new JsonObject().put("streamLength", length).put("inFlight", pending);
  }

  @Override
  public void close() {
    redis.close();
  }
}
