package com.tixproof.workers.worker;

import com.tixproof.protocol.Queue;
import com.tixproof.protocol.ResultMessage;
import com.tixproof.protocol.TaskMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A worker process's engine: {@code THREADS} task loops, each on its own Redis connection, reading
 * range tasks with the consumer group, solving, reporting and acknowledging in one MULTI; a
 * heartbeat key with a short TTL; and a subscriber that learns which challenges were solved
 * elsewhere so running ranges stop early. Tasks of a vanished worker are taken over with
 * {@code XAUTOCLAIM} once idle for {@code TASK_RECLAIM_IDLE_MS}.
 */
public final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private static final long SOLVED_MEMORY_MILLIS = 15 * 60 * 1000;

  private final WorkerConfig config;
  private final JedisClientConfig clientConfig;
  private final HostAndPort address;
  /** Challenges the master announced as solved, with when we learnt it. */
  private final Map<String, Long> knownSolved = new ConcurrentHashMap<>();
  /** Challenges this worker solved, with the secret, until the master's announcement is surely in. */
  private final Map<String, FoundHere> foundHere = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong tasksDone = new AtomicLong();
  private final AtomicLong candidates = new AtomicLong();
  private final AtomicLong solved = new AtomicLong();
  private final CountDownLatch loopsDone;
  private final Instant startedAt = Instant.now();
  private volatile boolean stopping;
  private volatile double rate;
  /** Candidates per second of one thread while searching (EWMA): the pool's capacity per thread. */
  private volatile double speed;
  private Thread[] loops;
  private Thread heartbeat;
  private Thread subscriber;
  private volatile JedisPubSub pubSub;

  public Worker(WorkerConfig config) {
    this.config = config;
    this.address = config.redis().hostAndPort();
    this.clientConfig = config.redis().clientConfig(5_000);
    this.loopsDone = new CountDownLatch(config.threads());
  }

  public String id() {
    return config.workerId();
  }

  public Worker start() {
    speed = calibrate();
    loops = new Thread[config.threads()];
    for (int i = 0; i < loops.length; i++) {
      String consumer = config.workerId() + "-t" + i;
      loops[i] = new Thread(() -> {
        try {
          taskLoop(consumer);
        } finally {
          loopsDone.countDown();
        }
      }, "solver-" + i);
      loops[i].start();
    }
    heartbeat = new Thread(this::heartbeatLoop, "heartbeat");
    heartbeat.setDaemon(true);
    heartbeat.start();
    subscriber = new Thread(this::subscribeLoop, "solved-listener");
    subscriber.setDaemon(true);
    subscriber.start();
    LOG.info("worker {} started: {} threads on redis {}", config.workerId(), config.threads(), address);
    return this;
  }

  /** A 100k-candidate search on a made-up challenge, so the first heartbeat already states a speed. */
  static double calibrate() {
    RangeSearcher searcher = new RangeSearcher().reset("00000000-0000-0000-0000-000000000000", "calibration", "0".repeat(64));
    searcher.search(1, 50_000, () -> false); // warm-up
    long start = System.nanoTime();
    searcher.search(1, 100_000, () -> false);
    return 100_000 * 1e9 / Math.max(1, System.nanoTime() - start);
  }

  /** Stops taking tasks, lets running ones finish (they are short), removes the heartbeat. */
  @Override
  public void close() {
    stopping = true;
    try {
      if (!loopsDone.await(30, TimeUnit.SECONDS)) {
        LOG.warn("worker {}: tasks still running after 30 s; they will be reclaimed by others", config.workerId());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    JedisPubSub sub = pubSub;
    if (sub != null && sub.isSubscribed()) {
      try {
        sub.unsubscribe();
      } catch (RuntimeException ignored) {
        // the connection may already be gone
      }
    }
    heartbeat.interrupt();
    try (Jedis jedis = connect()) {
      jedis.del(Queue.workerKey(config.workerId()));
    } catch (RuntimeException e) {
      LOG.debug("could not remove heartbeat of {}: {}", config.workerId(), e.toString());
    }
    LOG.info("worker {} stopped after {} tasks ({} solved)", config.workerId(), tasksDone.get(), solved.get());
  }

  private Jedis connect() {
    return new Jedis(address, clientConfig);
  }

  private void taskLoop(String consumer) {
    RangeSearcher searcher = new RangeSearcher();
    Jedis jedis = null;
    while (!stopping) {
      try {
        if (jedis == null) {
          jedis = connect();
          ensureGroup(jedis);
        }
        StreamEntry entry = next(jedis, consumer);
        if (entry != null) {
          handle(jedis, consumer, searcher, entry);
        }
      } catch (JedisDataException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
          ensureGroup(jedis); // Redis lost its data: recreate and carry on
        } else {
          LOG.warn("worker {}: redis refused a command: {}", consumer, e.getMessage());
          pause(500);
        }
      } catch (RuntimeException e) {
        LOG.warn("worker {}: redis unavailable ({}); retrying", consumer, e.toString());
        closeQuietly(jedis);
        jedis = null;
        pause(500);
      }
    }
    closeQuietly(jedis);
  }

  /** A new task, or else one whose worker went quiet for too long. */
  private StreamEntry next(Jedis jedis, String consumer) {
    var read = jedis.xreadGroupAsMap(Queue.WORKERS_GROUP, consumer,
        XReadGroupParams.xReadGroupParams().count(1).block(1_000),
        Map.of(Queue.TASKS, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
    if (read != null) {
      var entries = read.get(Queue.TASKS);
      if (entries != null && !entries.isEmpty()) {
        return entries.get(0);
      }
    }
    if (stopping) {
      return null;
    }
    var claimed = jedis.xautoclaim(Queue.TASKS, Queue.WORKERS_GROUP, consumer, config.reclaimIdle().toMillis(),
        new StreamEntryID(0, 0), XAutoClaimParams.xAutoClaimParams().count(1));
    if (claimed != null && claimed.getValue() != null) {
      for (StreamEntry e : claimed.getValue()) {
        if (e != null && e.getFields() != null) {
          LOG.info("worker {} reclaimed task entry {} from a silent worker", consumer, e.getID());
          return e;
        }
        // the entry was deleted while pending: just acknowledge it away
        if (e != null) {
          jedis.xack(Queue.TASKS, Queue.WORKERS_GROUP, e.getID());
        }
      }
    }
    return null;
  }

  private void handle(Jedis jedis, String consumer, RangeSearcher searcher, StreamEntry entry) {
    TaskMessage task = TaskMessage.fromFields(entry.getFields());
    String ref = Queue.challengeRef(task.jobId(), task.challengeId());
    inFlight.incrementAndGet();
    long start = System.nanoTime();
    try {
      ResultMessage.Outcome outcome;
      long secret = 0;
      long tried = 0;
      FoundHere mine = foundHere.get(ref);
      if (mine != null) {
        // A range of a challenge this worker solved: a sibling, or the same range delivered again
        // because its result was lost (Redis restarted empty). Only the master's word is final, so
        // the range that holds the secret reports it again; the others stop.
        boolean holdsSecret = mine.secret() >= task.from() && mine.secret() <= task.to();
        outcome = holdsSecret ? ResultMessage.Outcome.FOUND : ResultMessage.Outcome.CANCELLED;
        secret = holdsSecret ? mine.secret() : 0;
      } else if (isSolved(jedis, task)) {
        outcome = ResultMessage.Outcome.CANCELLED;
      } else {
        long searchStart = System.nanoTime();
        secret = searcher.reset(task.jobId(), task.challengeId(), task.challengeHash())
            .search(task.from(), task.to(), () -> knownSolved.containsKey(ref) || foundHere.containsKey(ref));
        long searchNanos = System.nanoTime() - searchStart;
        tried = searcher.tried();
        candidates.addAndGet(tried);
        if (tried >= 10_000 && searchNanos > 0) {
          double observed = tried * 1e9 / searchNanos;
          speed = speed == 0 ? observed : 0.8 * speed + 0.2 * observed;
        }
        if (secret > 0) {
          outcome = ResultMessage.Outcome.FOUND;
          solved.incrementAndGet();
          // this worker's next task may be a sibling range: it stops without waiting for the master's word
          foundHere.put(ref, new FoundHere(secret, System.currentTimeMillis()));
        } else {
          outcome = tried < task.size() ? ResultMessage.Outcome.CANCELLED : ResultMessage.Outcome.EXHAUSTED;
        }
      }
      ResultMessage result = new ResultMessage(task.taskId(), task.jobId(), task.challengeId(), consumer, outcome,
          Math.max(secret, 0), tried, System.nanoTime() - start);
      // report and acknowledge atomically: a crash before EXEC leaves the task pending for another worker
      Transaction tx = jedis.multi();
      tx.xadd(Queue.RESULTS, StreamEntryID.NEW_ENTRY, result.toFields());
      tx.xack(Queue.TASKS, Queue.WORKERS_GROUP, entry.getID());
      tx.xdel(Queue.TASKS, entry.getID());
      tx.exec();
      tasksDone.incrementAndGet();
      if (outcome == ResultMessage.Outcome.FOUND) {
        LOG.info("worker {} solved challenge {} of job {} (task {}, {} candidates)", consumer, task.challengeId(), task.jobId(),
            task.taskId(), tried);
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private boolean isSolved(Jedis jedis, TaskMessage task) {
    String ref = Queue.challengeRef(task.jobId(), task.challengeId());
    if (knownSolved.containsKey(ref)) {
      return true;
    }
    if (jedis.exists(Queue.solvedKey(task.jobId(), task.challengeId()))) {
      knownSolved.put(ref, System.currentTimeMillis());
      return true;
    }
    return false;
  }

  private void heartbeatLoop() {
    long lastCandidates = 0;
    long lastNanos = System.nanoTime();
    Jedis jedis = null;
    while (!stopping && !Thread.currentThread().isInterrupted()) {
      try {
        long now = System.nanoTime();
        long c = candidates.get();
        double seconds = (now - lastNanos) / 1e9;
        if (seconds > 0) {
          double instant = (c - lastCandidates) / seconds;
          rate = rate == 0 ? instant : 0.7 * rate + 0.3 * instant;
        }
        lastCandidates = c;
        lastNanos = now;
        if (jedis == null) {
          jedis = connect();
        }
        String beat = status();
        jedis.psetex(Queue.workerKey(config.workerId()), config.heartbeatTtl().toMillis(), beat);
        config.heartbeatFile().ifPresent(file -> writeBeat(file, beat));
        long cutoff = System.currentTimeMillis() - SOLVED_MEMORY_MILLIS;
        knownSolved.values().removeIf(t -> t < cutoff);
        foundHere.values().removeIf(f -> f.at() < cutoff);
      } catch (RuntimeException e) {
        closeQuietly(jedis);
        jedis = null;
      }
      pause(config.heartbeatInterval().toMillis());
    }
    closeQuietly(jedis);
  }

  /** Rewrites the local heartbeat file (its age is what a health check tests); a failure is logged, not fatal. */
  private void writeBeat(Path file, String beat) {
    try {
      Files.writeString(file, beat + "\n");
    } catch (IOException e) {
      LOG.warn("worker {}: cannot write heartbeat file {}: {}", config.workerId(), file, e.toString());
    }
  }

  /** The heartbeat's JSON: what {@code GET /workers} shows. */
  String status() {
    return "{\"id\":\"" + config.workerId() + "\",\"threads\":" + config.threads() + ",\"inFlight\":" + inFlight.get()
        + ",\"tasksDone\":" + tasksDone.get() + ",\"solved\":" + solved.get() + ",\"candidates\":" + candidates.get()
        + ",\"rate\":" + Math.round(rate) + ",\"speedPerThread\":" + Math.round(speed)
        + ",\"capacity\":" + Math.round(speed * config.threads()) + ",\"startedAt\":\"" + startedAt + "\",\"seenAt\":\"" + Instant.now() + "\"}";
  }

  private void subscribeLoop() {
    while (!stopping) {
      try (Jedis jedis = connect()) {
        JedisPubSub sub = new JedisPubSub() {
          @Override
          public void onMessage(String channel, String message) {
            knownSolved.put(message, System.currentTimeMillis());
          }
        };
        pubSub = sub;
        jedis.subscribe(sub, Queue.SOLVED_CHANNEL);
      } catch (RuntimeException e) {
        if (!stopping) {
          pause(500);
        }
      }
    }
  }

  private record FoundHere(long secret, long at) {}

  static void ensureGroup(Jedis jedis) {
    try {
      jedis.xgroupCreate(Queue.TASKS, Queue.WORKERS_GROUP, new StreamEntryID(0, 0), true);
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
        throw e;
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Jedis jedis) {
    if (jedis != null) {
      try {
        jedis.close();
      } catch (RuntimeException ignored) {
        // already broken
      }
    }
  }
}
