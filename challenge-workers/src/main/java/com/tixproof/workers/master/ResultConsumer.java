package com.tixproof.workers.master;

import com.tixproof.protocol.Queue;
import com.tixproof.protocol.ResultMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads worker results with the master's consumer group on its own connection and thread (a
 * blocking read), applies each in PostgreSQL, and only then acknowledges it: a crash in between
 * leaves the result pending, and it is read again (entries pending for this consumer first).
 */
final class ResultConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResultConsumer.class);
  private static final String CONSUMER = "master";

  private final RedisGateway redis;
  private final JobService jobs;
  private final Consumer<JobService.Applied> onSolved;
  private final Thread thread;
  private volatile boolean stopping;

  ResultConsumer(RedisGateway redis, JobService jobs, Consumer<JobService.Applied> onSolved) {
    this.redis = redis;
    this.jobs = jobs;
    this.onSolved = onSolved;
    this.thread = new Thread(this::loop, "master-results");
    this.thread.setDaemon(true);
  }

  ResultConsumer start() {
    thread.start();
    return this;
  }

  private void loop() {
    Jedis jedis = null;
    boolean readPendingFirst = true;
    while (!stopping) {
      try {
        if (jedis == null) {
          jedis = redis.connect();
          redis.ensureGroups();
          readPendingFirst = true;
        }
        StreamEntryID from = readPendingFirst ? new StreamEntryID(0, 0) : StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY;
        Map<String, List<StreamEntry>> read = jedis.xreadGroupAsMap(Queue.MASTER_GROUP, CONSUMER,
            XReadGroupParams.xReadGroupParams().count(100).block(readPendingFirst ? 0 : 1_000), Map.of(Queue.RESULTS, from));
        List<StreamEntry> entries = read == null ? List.of() : read.getOrDefault(Queue.RESULTS, List.of());
        if (readPendingFirst && entries.isEmpty()) {
          readPendingFirst = false;
          continue;
        }
        if (entries.isEmpty()) {
          continue;
        }
        List<ResultMessage> batch = new ArrayList<>(entries.size());
        for (StreamEntry e : entries) {
          if (e.getFields() != null && !e.getFields().isEmpty()) {
            batch.add(ResultMessage.fromFields(e.getFields()));
          }
        }
        jobs.apply(batch).await().forEach(onSolved);
        StreamEntryID[] ids = entries.stream().map(StreamEntry::getID).toArray(StreamEntryID[]::new);
        Transaction tx = jedis.multi();
        tx.xack(Queue.RESULTS, Queue.MASTER_GROUP, ids);
        tx.xdel(Queue.RESULTS, ids);
        tx.exec();
      } catch (JedisDataException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
          safeEnsureGroups();
        } else {
          LOG.warn("results: redis refused a command: {}", e.getMessage());
          sleep(500);
        }
      } catch (RuntimeException e) {
        if (stopping) {
          break;
        }
        LOG.warn("results: {}; retrying", e.toString());
        if (jedis != null) {
          try {
            jedis.close();
          } catch (RuntimeException ignored) {
            // broken already
          }
        }
        jedis = null;
        sleep(500);
      }
    }
    if (jedis != null) {
      jedis.close();
    }
  }

  private void safeEnsureGroups() {
    try {
      redis.ensureGroups();
    } catch (RuntimeException e) {
      sleep(500);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stopping = true;
    try {
      thread.join(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
