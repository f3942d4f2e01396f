package com.tixproof.workers.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.protocol.Challenges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RangeSearcherTest {

  record Vector(String token, String challengeId, long secret, String hash) {}

  /** The shared vectors (../shared/challenge-vectors.json), read without a JSON library. */
  static List<Vector> vectors() throws IOException {
    Path file = null;
    for (Path dir = Path.of("").toAbsolutePath(); dir != null && file == null; dir = dir.getParent()) {
      for (Path candidate : List.of(dir.resolve("shared/challenge-vectors.json"), dir.resolveSibling("shared").resolve("challenge-vectors.json"))) {
        if (Files.isRegularFile(candidate)) {
          file = candidate;
          break;
        }
      }
    }
    if (file == null) {
      throw new IOException("challenge-vectors.json not found");
    }
    String json = Files.readString(file);
    Matcher m = Pattern.compile("\"deposit_token\":\\s*\"([^\"]+)\",\\s*\"challenge_id\":\\s*\"([^\"]+)\",\\s*\"secret\":\\s*(\\d+),"
        + "\\s*\"preimage\":\\s*\"[^\"]*\",\\s*\"challenge_hash\":\\s*\"([0-9a-f]{64})\"").matcher(json);
    List<Vector> out = new ArrayList<>();
    while (m.find()) {
      out.add(new Vector(m.group(1), m.group(2), Long.parseLong(m.group(3)), m.group(4)));
    }
    assertTrue(out.size() >= 20, "expected the whole vector file, got " + out.size());
    return out;
  }

  @TestFactory
  @DisplayName("every shared vector solves to its secret, with the JDK compressor and the portable one")
  Stream<DynamicTest> solvesEveryVector() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Vector v : vectors()) {
      for (Sha256Compressor engine : List.of(Sha256Compressor.best(), new JavaSha256Compressor())) {
        tests.add(DynamicTest.dynamicTest(engine.getClass().getSimpleName() + " " + v.challengeId() + " → " + v.secret(), () -> {
          RangeSearcher searcher = new RangeSearcher(engine).reset(v.token(), v.challengeId(), v.hash());
          long from = Math.max(1, v.secret() - 5_000);
          assertEquals(v.secret(), searcher.search(from, v.secret() + 5_000, () -> false));
          assertEquals(v.secret() - from + 1, searcher.tried());
          assertEquals(v.secret(), searcher.search(1, 500_000, () -> false), "from 1");
          assertEquals(-1, searcher.search(v.secret() + 1, v.secret() + 2_000, () -> false), "range without it");
        }));
      }
    }
    return tests.stream();
  }

  @Test
  @DisplayName("the JDK's intrinsic-backed compressor is reachable in this JVM")
  void jdkCompressorAvailable() {
    assertTrue(Sha256Compressor.jdkAvailable(), "run with --add-opens java.base/sun.security.provider=ALL-UNNAMED");
  }

  @Test
  @DisplayName("digit carries across lengths (9→10, 99999→100000) keep hashing the right preimage")
  void carriesAcrossDigitLengths() {
    String token = "6158e32f-7fd2-4cef-93fd-d29dd78439c4";
    for (String challengeId : List.of("1", "9999", "4032a384-791d-4ca6-9dd8-61dc9985bda6", "x".repeat(50))) {
      for (long secret : new long[] {1, 9, 10, 11, 99, 100, 999_999, 1_000_000, 1_000_001}) {
        String hash = Challenges.hash(token, challengeId, secret);
        RangeSearcher searcher = new RangeSearcher().reset(token, challengeId, hash);
        assertEquals(secret, searcher.search(1, 1_000_100, () -> false), challengeId + " / " + secret);
      }
    }
  }

  @Test
  @DisplayName("a stop signal ends the search early")
  void stopsWhenAsked() {
    String token = "6158e32f-7fd2-4cef-93fd-d29dd78439c4";
    RangeSearcher searcher = new RangeSearcher().reset(token, "c", Challenges.hash(token, "c", 400_000));
    assertEquals(-1, searcher.search(1, 500_000, () -> true));
    assertEquals(RangeSearcher.CHECK_EVERY, searcher.tried());
  }
}
