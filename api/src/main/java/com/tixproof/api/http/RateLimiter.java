package com.tixproof.api.http;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets keyed by a string (an e-mail, a client address): {@code perMinute} tokens refill
 * evenly over a minute, and a full bucket allows a burst of that many. One instance is shared by
 * the HTTP verticles of a process; buckets that are full again are dropped by {@link #prune()},
 * which {@link #tryAcquire} runs at most once a minute, so keys seen once do not pile up.
 */
public final class RateLimiter {
  private static final long PRUNE_EVERY_MILLIS = 60_000;
  private final int perMinute;
  private final Clock clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong nextPruneMillis;

  private static final class Bucket {
    double tokens;
    long updatedMillis;

    Bucket(double tokens, long updatedMillis) {
      this.tokens = tokens;
      this.updatedMillis = updatedMillis;
    }
  }

  public RateLimiter(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
    this.nextPruneMillis = new AtomicLong(clock.millis() + PRUNE_EVERY_MILLIS);
  }

  /** Takes one token for {@code key}; false when the bucket is empty. */
  public boolean tryAcquire(String key) {
    long now = clock.millis();
    long due = nextPruneMillis.get();
    // (or if the clock stepped back past the schedule)
    if ((now >= due || due - now > PRUNE_EVERY_MILLIS) && nextPruneMillis.compareAndSet(due, now + PRUNE_EVERY_MILLIS)) {
      prune();
    }
    boolean[] allowed = new boolean[1];
    buckets.compute(key, (k, bucket) -> {
      Bucket b = bucket == null ? new Bucket(perMinute, now) : bucket;
      synchronized (b) {
        refill(b, now);
        if (b.tokens >= 1) {
          b.tokens -= 1;
          allowed[0] = true;
        }
      }
      return b;
    });
    return allowed[0];
  }

  /** Seconds until {@code key} has a token again (for {@code Retry-After}). */
  public long secondsUntilNext(String key) {
    Bucket b = buckets.get(key);
    if (b == null) {
      return 0;
    }
    synchronized (b) {
      double missing = Math.max(0, 1 - b.tokens);
      return (long) Math.ceil(missing * 60.0 / perMinute);
    }
  }

  /** Forgets buckets that have refilled completely. */
  public void prune() {
    long now = clock.millis();
    // per key under the map's lock, so a token taken meanwhile is never dropped with its bucket
    for (String key : buckets.keySet()) {
      buckets.computeIfPresent(key, (k, b) -> {
        synchronized (b) {
          refill(b, now);
          return b.tokens >= perMinute ? null : b;
        }
      });
    }
  }

  int size() {
    return buckets.size();
  }

  private void refill(Bucket b, long now) {
    // a wall clock stepping back earns nothing rather than taking tokens away
    double earned = Math.max(0, now - b.updatedMillis) * perMinute / 60_000.0;
    b.tokens = Math.min(perMinute, b.tokens + earned);
    b.updatedMillis = now;
  }
}
