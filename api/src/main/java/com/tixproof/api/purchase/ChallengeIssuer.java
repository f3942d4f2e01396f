package com.tixproof.api.purchase;

import com.tixproof.protocol.Challenges;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Draws a purchase's K secrets in [1, S] with {@link SecureRandom} and keeps only their hashes. */
public final class ChallengeIssuer {
  private final SecureRandom random = new SecureRandom();
  private final int count;
  private final long secretMax;

  /** An issued challenge: what is stored (id, hash) and shown; the secret is forgotten. */
  public record Issued(int position, String challengeId, String challengeHash) {}

  public ChallengeIssuer(int count, long secretMax) {
    this.count = count;
    this.secretMax = secretMax;
  }

  public long secretMax() {
    return secretMax;
  }

  public List<Issued> issue(UUID depositToken) {
    List<Issued> out = new ArrayList<>(count);
    String token = depositToken.toString();
    for (int i = 0; i < count; i++) {
      String challengeId = UUID.randomUUID().toString();
      long secret = 1 + random.nextLong(secretMax); // uniform in [1, S]
      out.add(new Issued(i, challengeId, Challenges.hash(token, challengeId, secret)));
    }
    return out;
  }
}
