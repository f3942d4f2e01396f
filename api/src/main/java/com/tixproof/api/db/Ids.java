package com.tixproof.api.db;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits. They
 * sort by creation time, so "newest first" pages are a plain {@code id < $before} keyset, and they
 * are unguessable enough to appear in URLs.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static UUID newId() {
    return newId(System.currentTimeMillis());
  }

  static UUID newId(long millis) {
    byte[] r = new byte[10];
    RANDOM.nextBytes(r);
    long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ((r[0] & 0x0FL) << 8) | (r[1] & 0xFFL);
    long lsb = 0x8000_0000_0000_0000L | ((r[2] & 0x3FL) << 56);
    for (int i = 3; i < 10; i++) {
      lsb |= (r[i] & 0xFFL) << (8 * (9 - i));
    }
    return new UUID(msb, lsb);
  }
}
