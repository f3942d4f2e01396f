package com.tixproof.bench;

import com.tixproof.protocol.Challenges;
import com.tixproof.workers.worker.RangeSearcher;
import com.tixproof.workers.worker.Sha256Compressor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: candidate secrets per second per core for the worker's hot loop and the naive loop (ops/s =
 * candidates/s). Run with {@code java --add-opens java.base/sun.security.provider=ALL-UNNAMED
 * -cp bench/target/bench.jar org.openjdk.jmh.Main HotLoopJmh}; {@link HashRateBench} prints the
 * openssl ceiling and the ratios in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/sun.security.provider=ALL-UNNAMED")
public class HotLoopJmh {
  private static final int SLICE = 100_000;
  private static final String TOKEN = "6158e32f-7fd2-4cef-93fd-d29dd78439c4";
  private static final String CHALLENGE = "4032a384-791d-4ca6-9dd8-61dc9985bda6";

  private RangeSearcher midstate;
  private RangeSearcher portable;
  private String targetHex;
  private long next = 1;

  @Setup
  public void setUp() {
    String never = "0".repeat(64);
    midstate = new RangeSearcher(Sha256Compressor.best()).reset(TOKEN, CHALLENGE, never);
    portable = new RangeSearcher(Sha256Compressor.portable()).reset(TOKEN, CHALLENGE, never);
    targetHex = never;
  }

  @Benchmark
  @OperationsPerInvocation(SLICE)
  public long hotLoopJdk() {
    return midstate.search(1, SLICE, () -> false);
  }

  @Benchmark
  @OperationsPerInvocation(SLICE)
  public long hotLoopPortable() {
    return portable.search(1, SLICE, () -> false);
  }

  /** Build the preimage string, hash it, hex-encode, compare strings: what a first version does. */
  @Benchmark
  @OperationsPerInvocation(SLICE)
  public long naiveLoop() throws NoSuchAlgorithmException {
    long found = -1;
    for (int i = 0; i < SLICE; i++) {
      long n = next++;
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      String hex = HexFormat.of().formatHex(md.digest(Challenges.preimage(TOKEN, CHALLENGE, n).getBytes(StandardCharsets.UTF_8)));
      if (hex.equals(targetHex)) {
        found = n;
      }
    }
    return found;
  }
}
