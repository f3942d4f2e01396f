package com.tixproof.protocol;

/**
 * Redis names shared by the master and the workers. Every key carries the {@code tixproof:} prefix.
 *
 * <ul>
 *   <li>{@link #TASKS}: a Stream of {@link TaskMessage}s, read by the workers' consumer group {@link #WORKERS_GROUP}.</li>
 *   <li>{@link #RESULTS}: a Stream of {@link ResultMessage}s, read by the master's group {@link #MASTER_GROUP}.</li>
 *   <li>{@link #SOLVED_CHANNEL}: pub/sub of {@code jobId:challengeId} when a challenge is solved, so
 *       workers drop its other ranges at once; {@link #solvedKey} is the same fact with a TTL, for
 *       a worker that missed the message.</li>
 *   <li>{@link #workerKey}: each worker's heartbeat (a JSON status with a short TTL).</li>
 * </ul>
 */
public final class Queue {
  public static final String PREFIX = "tixproof:";
  public static final String TASKS = PREFIX + "tasks";
  public static final String RESULTS = PREFIX + "results";
  public static final String WORKERS_GROUP = "workers";
  public static final String MASTER_GROUP = "master";
  public static final String SOLVED_CHANNEL = PREFIX + "solved";
  public static final String WORKER_KEY_PREFIX = PREFIX + "worker:";
  /** Written by the master; its absence means Redis lost its data (a restart without persistence). */
  public static final String EPOCH = PREFIX + "epoch";

  private Queue() {}

  public static String solvedKey(String jobId, String challengeId) {
    return PREFIX + "solved:" + jobId + ":" + challengeId;
  }

  public static String workerKey(String workerId) {
    return WORKER_KEY_PREFIX + workerId;
  }

  /** The pub/sub payload and local cache key for a solved challenge. */
  public static String challengeRef(String jobId, String challengeId) {
    return jobId + ":" + challengeId;
  }
}
