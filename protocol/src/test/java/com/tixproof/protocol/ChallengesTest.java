package com.tixproof.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ChallengesTest {

  /** The shared vectors live beside the repository, in ../shared; CI clones it there too. */
  static JsonNode vectors() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("challenge-vectors.json");
      if (Files.isRegularFile(candidate)) {
        return new ObjectMapper().readTree(candidate.toFile()).get("vectors");
      }
      Path sibling = dir.resolveSibling("shared").resolve("challenge-vectors.json");
      if (Files.isRegularFile(sibling)) {
        return new ObjectMapper().readTree(sibling.toFile()).get("vectors");
      }
    }
    throw new IOException("challenge-vectors.json not found above " + here);
  }

  @TestFactory
  @DisplayName("every shared vector's preimage and hash are reproduced, and its secret verifies")
  Stream<DynamicTest> reproducesEveryVector() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : vectors()) {
      String token = v.get("deposit_token").asText();
      String id = v.get("challenge_id").asText();
      long secret = v.get("secret").asLong();
      String hash = v.get("challenge_hash").asText();
      tests.add(DynamicTest.dynamicTest(id + " secret " + secret, () -> {
        assertEquals(v.get("preimage").asText(), Challenges.preimage(token, id, secret));
        assertEquals(hash, Challenges.hash(token, id, secret));
        long max = Math.max(Challenges.DEFAULT_SECRET_MAX, secret);
        assertTrue(Challenges.verify(token, id, secret, hash, max));
        assertFalse(Challenges.verify(token, id, secret + 1, hash, max + 1));
      }));
    }
    assertTrue(tests.size() >= 20, "expected the full vector file, got " + tests.size());
    return tests.stream();
  }

  @Test
  @DisplayName("secrets outside [1, S] and malformed hashes never verify")
  void rejectsOutOfRangeAndMalformed() {
    String token = "6158e32f-7fd2-4cef-93fd-d29dd78439c4";
    String id = "c1";
    String hashOf0 = Challenges.hash(token, id, 0);
    assertFalse(Challenges.verify(token, id, 0, hashOf0, 500_000));
    String hashOf7 = Challenges.hash(token, id, 7);
    assertFalse(Challenges.verify(token, id, 7, hashOf7, 6));
    assertFalse(Challenges.verify(token, id, 7, "zz" + hashOf7.substring(2), 500_000));
    assertFalse(Challenges.verify(token, id, 7, hashOf7.substring(1), 500_000));
    assertFalse(Challenges.verify(token, id, 7, null, 500_000));
    assertTrue(Challenges.verify(token, id, 7, hashOf7, 500_000));
  }
}
