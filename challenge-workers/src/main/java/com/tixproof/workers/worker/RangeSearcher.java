package com.tixproof.workers.worker;

import com.tixproof.protocol.Challenges;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

/**
 * The hot loop: finds the secret n in [from, to] with SHA-256(prefix + decimal(n)) = target.
 *
 * <p>The prefix's whole 64-byte blocks are compressed once (the midstate). The last block holds the
 * rest of the prefix, the digits of n, the padding and the bit length; n's digits are incremented
 * in place in that block (no strings, no formatting), and the state is compared with the target
 * as ints, not hex. With the JDK's compressor each candidate is one SHA-NI compression.
 *
 * <p>One instance per thread; reusable across challenges via {@link #reset}.
 */
public final class RangeSearcher {
  /** How many candidates between two looks at the stop signal. */
  static final int CHECK_EVERY = 1 << 14;

  private final Sha256Compressor sha;
  private final int[] midstate = new int[8];
  private final int[] target = new int[8];
  private final byte[] block = new byte[128];
  private byte[] tail = new byte[0];
  private long prefixBlockBytes;
  private long tried;

  public RangeSearcher(Sha256Compressor sha) {
    this.sha = sha;
  }

  public RangeSearcher() {
    this(Sha256Compressor.best());
  }

  /** Prepares for one challenge. */
  public RangeSearcher reset(String depositToken, String challengeId, String challengeHash) {
    byte[] prefix = Challenges.prefix(depositToken, challengeId);
    byte[] hash = HexFormat.of().parseHex(challengeHash);
    for (int i = 0; i < 8; i++) {
      target[i] = (hash[4 * i] & 0xff) << 24 | (hash[4 * i + 1] & 0xff) << 16 | (hash[4 * i + 2] & 0xff) << 8 | (hash[4 * i + 3] & 0xff);
    }
    int full = prefix.length / 64 * 64;
    sha.setState(Sha256Compressor.IV);
    for (int off = 0; off < full; off += 64) {
      sha.compress(prefix, off);
    }
    System.arraycopy(sha.state(), 0, midstate, 0, 8);
    prefixBlockBytes = full;
    tail = java.util.Arrays.copyOfRange(prefix, full, prefix.length);
    return this;
  }

  /**
   * Searches [from, to]; returns the secret or -1. {@code stop} is asked every {@link #CHECK_EVERY}
   * candidates and ends the search early (returning -1) when true.
   */
  public long search(long from, long to, BooleanSupplier stop) {
    if (from < 1 || to < from) {
      return -1;
    }
    tried = 0;
    int digitsEnd = layout(from);
    int blocks = blocksFor(digitsEnd);
    int digitsStart = tail.length;
    int[] t = target;
    int[] s = sha.state();
    int sinceCheck = 0;
    for (long n = from; ; n++) {
      sha.setState(midstate);
      sha.compress(block, 0);
      if (blocks == 2) {
        sha.compress(block, 64);
      }
      if (s[0] == t[0] && s[1] == t[1] && s[2] == t[2] && s[3] == t[3]
          && s[4] == t[4] && s[5] == t[5] && s[6] == t[6] && s[7] == t[7]) {
        tried = n - from + 1;
        return n;
      }
      if (n == to) {
        tried = n - from + 1;
        return -1;
      }
      // n + 1, in place: carry through the nines; a new digit re-lays the block (rare)
      int i = digitsEnd - 1;
      while (i >= digitsStart && block[i] == '9') {
        block[i] = '0';
        i--;
      }
      if (i >= digitsStart) {
        block[i]++;
      } else {
        digitsEnd = layout(n + 1);
        blocks = blocksFor(digitsEnd);
      }
      if (++sinceCheck == CHECK_EVERY) {
        sinceCheck = 0;
        if (stop.getAsBoolean()) {
          tried = n - from + 1;
          return -1;
        }
      }
    }
  }

  /** Candidates tried by the last {@link #search}. */
  public long tried() {
    return tried;
  }

  /** Writes tail, digits of n, padding and length; returns the end of the digits. */
  private int layout(long n) {
    java.util.Arrays.fill(block, (byte) 0);
    System.arraycopy(tail, 0, block, 0, tail.length);
    byte[] digits = Long.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, block, tail.length, digits.length);
    int end = tail.length + digits.length;
    block[end] = (byte) 0x80;
    int blocks = blocksFor(end);
    long bits = (prefixBlockBytes + end) * 8;
    int lengthAt = blocks * 64 - 8;
    for (int k = 0; k < 8; k++) {
      block[lengthAt + k] = (byte) (bits >>> (56 - 8 * k));
    }
    return end;
  }

  private static int blocksFor(int messageBytesInBlock) {
    return messageBytesInBlock + 9 <= 64 ? 1 : 2;
  }
}
