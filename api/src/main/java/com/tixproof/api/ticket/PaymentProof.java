package com.tixproof.api.ticket;

import com.tixproof.protocol.Challenges;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The payment proof a ticket carries besides its deposit token: a digest of the solved secrets.
 *
 * <pre>secretsDigest = SHA-256( line(c1) + line(c2) + … + line(cK) )</pre>
 *
 * over the purchase's challenges in the order the purchase lists them ({@code challenges[]}), where
 * {@code line(c) = "deposit_token=" + depositToken + "&challenge_id=" + c.challengeId + "&secret=" + c.secret + "\n"}
 * (UTF-8, the secret in decimal without leading zeros). Each line without its newline is exactly
 * the challenge's preimage ({@link Challenges#preimage}), whose SHA-256 is the published
 * {@code challengeHash}: whoever holds the solutions can recompute the digest, and check each
 * secret against the challenge hashes.
 */
public final class PaymentProof {
  /** One solved challenge, in issue order. */
  public record Solved(String challengeId, long secret) {}

  private PaymentProof() {}

  public static byte[] secretsDigest(String depositToken, List<Solved> solved) {
    MessageDigest sha = Challenges.sha256();
    for (Solved s : solved) {
      sha.update((Challenges.preimage(depositToken, s.challengeId(), s.secret()) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return sha.digest();
  }
}
