package com.tixproof.bench;

import com.tixproof.protocol.Challenges;
import com.tixproof.workers.worker.RangeSearcher;
import com.tixproof.workers.worker.Sha256Compressor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Candidate secrets per second on one thread: the worker's hot loop (midstate + JDK SHA-256, and
 * the portable Java compressor), a naive loop (build the string, hash, hex-encode, compare
 * strings), and the ceiling measured in the same run: {@code openssl speed -evp sha256 -bytes 16384}
 * MB/s ÷ 64 bytes = SHA-256 compressions per second on this core. With the midstate each candidate
 * costs one compression, so candidates/s ÷ compressions/s is how close the loop is to the hardware.
 *
 * <p>Run: {@code java --add-opens java.base/sun.security.provider=ALL-UNNAMED -cp bench/target/bench.jar com.tixproof.bench.HashRateBench [seconds]}
 */
public final class HashRateBench {
  private static final String TOKEN = "6158e32f-7fd2-4cef-93fd-d29dd78439c4";
  private static final String CHALLENGE = "4032a384-791d-4ca6-9dd8-61dc9985bda6";
  private static final String NEVER = "0".repeat(64);

  private HashRateBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    System.out.printf("SHA-256 candidate rate, one thread, %.0f s per measurement (after an equal warm-up)%n", seconds);
    System.out.println("JDK compressor reachable (SHA-NI intrinsic): " + Sha256Compressor.jdkAvailable());
    double midstate = rate(new RangeSearcher(Sha256Compressor.best()), seconds);
    double portable = rate(new RangeSearcher(Sha256Compressor.portable()), seconds);
    double naive = naiveRate(seconds);
    double ceiling = opensslCompressionsPerSecond();
    System.out.printf("hot loop (midstate, %s): %,.0f candidates/s%n", Sha256Compressor.best().getClass().getSimpleName(), midstate);
    System.out.printf("hot loop (midstate, portable Java SHA-256): %,.0f candidates/s%n", portable);
    System.out.printf("naive loop (string, MessageDigest, hex, equals): %,.0f candidates/s%n", naive);
    if (ceiling > 0) {
      System.out.printf("ceiling (openssl speed -evp sha256 -bytes 16384, ÷ 64 B): %,.0f compressions/s%n", ceiling);
      System.out.printf("hot loop ÷ ceiling = %.2f (target ≥ 0.50)%n", midstate / ceiling);
    } else {
      System.out.println("ceiling: openssl not available");
    }
    System.out.printf("hot loop ÷ naive loop = %.1fx (target ≥ 20x)%n", midstate / naive);
  }

  /** Searches a challenge whose hash never matches, in slices, for the given time. */
  static double rate(RangeSearcher searcher, double seconds) {
    searcher.reset(TOKEN, CHALLENGE, NEVER);
    timed(() -> searcher.search(1, 1_000_000, () -> false), seconds); // warm-up
    long[] count = {0};
    double elapsed = timed(() -> {
      searcher.search(1, 1_000_000, () -> false);
      count[0] += 1_000_000;
    }, seconds);
    return count[0] / elapsed;
  }

  static double naiveRate(double seconds) {
    byte[] target = HexFormat.of().parseHex(Challenges.hash(TOKEN, CHALLENGE, 0));
    String targetHex = HexFormat.of().formatHex(target);
    long[] n = {1};
    Runnable slice = () -> {
      try {
        for (int i = 0; i < 100_000; i++) {
          MessageDigest md = MessageDigest.getInstance("SHA-256");
          String hex = HexFormat.of().formatHex(md.digest(Challenges.preimage(TOKEN, CHALLENGE, n[0]++).getBytes(StandardCharsets.UTF_8)));
          if (hex.equals(targetHex)) {
            throw new IllegalStateException("impossible match");
          }
        }
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    };
    timed(slice, seconds);
    long start = n[0];
    double elapsed = timed(slice, seconds);
    return (n[0] - start) / elapsed;
  }

  private static double timed(Runnable slice, double seconds) {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long now;
    do {
      slice.run();
      now = System.nanoTime();
    } while (now < end);
    return (now - start) / 1e9;
  }

  /** openssl's SHA-256 throughput on 16 KiB blocks, as compressions per second; 0 if unavailable. */
  static double opensslCompressionsPerSecond() {
    try {
      Process p = new ProcessBuilder("openssl", "speed", "-seconds", "3", "-evp", "sha256", "-bytes", "16384")
          .redirectErrorStream(true).start();
      String last = null;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("sha256") || line.startsWith("SHA256") || line.toLowerCase().startsWith("sha2-256")) {
            last = line;
          }
        }
      }
      p.waitFor();
      if (last == null) {
        return 0;
      }
      Matcher m = Pattern.compile("([0-9.]+)k\\s*$").matcher(last.trim());
      if (!m.find()) {
        return 0;
      }
      double kilobytesPerSecond = Double.parseDouble(m.group(1)); // openssl prints 1000-byte units
      return kilobytesPerSecond * 1000 / 64;
    } catch (Exception e) {
      return 0;
    }
  }
}
