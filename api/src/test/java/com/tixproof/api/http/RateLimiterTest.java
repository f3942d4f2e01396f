package com.tixproof.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The token-bucket rate limiter")
class RateLimiterTest {
  static final int PER_MINUTE = 5;
  /** One token every 12 s at 5 per minute. */
  static final Duration ONE_TOKEN = Duration.ofSeconds(60 / PER_MINUTE);

  final ManualClock clock = new ManualClock(Instant.parse("2027-03-01T20:00:00Z"));
  final RateLimiter limiter = new RateLimiter(PER_MINUTE, clock);

  /** A clock that moves only when told to. */
  static final class ManualClock extends Clock {
    private Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  void takeAll(String key) {
    for (int i = 1; i <= PER_MINUTE; i++) {
      assertTrue(limiter.tryAcquire(key), key + " try " + i + " of the burst");
    }
  }

  @Test
  @DisplayName("A fresh key allows a burst of N, and refuses the N+1st")
  void burstThenRefuse() {
    takeAll("a@x.test");
    assertFalse(limiter.tryAcquire("a@x.test"));
    assertFalse(limiter.tryAcquire("a@x.test"), "refusals do not count as tokens earned");
  }

  @Test
  @DisplayName("Keys have their own buckets")
  void keysAreIndependent() {
    takeAll("a@x.test");
    assertFalse(limiter.tryAcquire("a@x.test"));
    assertTrue(limiter.tryAcquire("b@x.test"));
  }

  @Test
  @DisplayName("An empty bucket earns one token per 60/N seconds, not before")
  void refillsEvenly() {
    takeAll("k");
    clock.advance(ONE_TOKEN.minusMillis(100));
    assertFalse(limiter.tryAcquire("k"), "just before a token is earned");
    clock.advance(Duration.ofMillis(100));
    assertTrue(limiter.tryAcquire("k"), "a token earned after 60/N s");
    assertFalse(limiter.tryAcquire("k"), "only one");
    clock.advance(ONE_TOKEN.multipliedBy(2));
    assertTrue(limiter.tryAcquire("k"));
    assertTrue(limiter.tryAcquire("k"));
    assertFalse(limiter.tryAcquire("k"));
  }

  @Test
  @DisplayName("A long pause refills the bucket to N, never beyond")
  void refillIsCapped() {
    takeAll("k");
    clock.advance(Duration.ofHours(3));
    takeAll("k");
    assertFalse(limiter.tryAcquire("k"));
  }

  @Test
  @DisplayName("secondsUntilNext says when an empty bucket has a token again, and 0 for unknown keys")
  void secondsUntilNext() {
    assertEquals(0, limiter.secondsUntilNext("unknown"));
    takeAll("k");
    assertEquals(ONE_TOKEN.toSeconds(), limiter.secondsUntilNext("k"));
    clock.advance(Duration.ofSeconds(5));
    assertFalse(limiter.tryAcquire("k"));
    assertEquals(ONE_TOKEN.toSeconds() - 5, limiter.secondsUntilNext("k"));
  }

  @Test
  @DisplayName("prune drops the buckets that are full again and keeps the others")
  void pruneDropsFullBuckets() {
    takeAll("empty");
    assertTrue(limiter.tryAcquire("one-used"));
    limiter.prune();
    assertEquals(2, limiter.size(), "nothing is full yet");
    clock.advance(ONE_TOKEN);
    limiter.prune();
    assertEquals(1, limiter.size(), "one-used is full again; empty has earned only one token");
    clock.advance(Duration.ofMinutes(1));
    limiter.prune();
    assertEquals(0, limiter.size());
    takeAll("empty");
    assertFalse(limiter.tryAcquire("empty"), "a pruned key starts again with a burst of N, no more");
  }

  @Test
  @DisplayName("Buckets of keys seen once are dropped in the course of normal use, so many e-mails cannot grow memory for good")
  void prunesWithoutBeingAsked() {
    for (int i = 0; i < 1_000; i++) {
      assertTrue(limiter.tryAcquire("guess" + i + "@x.test"));
    }
    clock.advance(Duration.ofMinutes(2));
    assertTrue(limiter.tryAcquire("later@x.test"));
    assertTrue(limiter.size() <= 1, "idle full buckets still held: " + limiter.size());
  }

  @Test
  @DisplayName("A wall clock stepping back (NTP) does not take tokens away")
  void clockSteppingBack() {
    assertTrue(limiter.tryAcquire("k"));
    clock.advance(Duration.ofHours(-1));
    for (int i = 2; i <= PER_MINUTE; i++) {
      assertTrue(limiter.tryAcquire("k"), "try " + i + " after the clock stepped back");
    }
    assertFalse(limiter.tryAcquire("k"));
  }
}
