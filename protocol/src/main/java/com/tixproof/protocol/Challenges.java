package com.tixproof.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The payment challenge wire format, shared byte for byte by the API (which issues and verifies)
 * and the workers (which search):
 *
 * <pre>challenge_hash = hex(SHA-256("deposit_token=" + token + "&amp;challenge_id=" + id + "&amp;secret=" + secret))</pre>
 *
 * with {@code secret} a decimal integer without leading zeros in [1, S].
 */
public final class Challenges {

  /** Default number of challenges per purchase (K). */
  public static final int DEFAULT_COUNT = 3;
  /** Default largest secret (S). */
  public static final long DEFAULT_SECRET_MAX = 500_000;

  private static final HexFormat HEX = HexFormat.of();

  private Challenges() {}

  /** The bytes hashed before the secret's digits: {@code deposit_token=…&challenge_id=…&secret=}. */
  public static byte[] prefix(String depositToken, String challengeId) {
    return ("deposit_token=" + depositToken + "&challenge_id=" + challengeId + "&secret=")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The full preimage string for one candidate secret. */
  public static String preimage(String depositToken, String challengeId, long secret) {
    return "deposit_token=" + depositToken + "&challenge_id=" + challengeId + "&secret=" + secret;
  }

  /** Lowercase hex SHA-256 of the preimage. */
  public static String hash(String depositToken, String challengeId, long secret) {
    return HEX.formatHex(sha256().digest(preimage(depositToken, challengeId, secret).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Whether {@code secret} solves the challenge. Compares raw digest bytes in constant time, and
   * rejects secrets outside [1, secretMax] so that a caller cannot prove with a value we never issue.
   */
  public static boolean verify(String depositToken, String challengeId, long secret, String challengeHash, long secretMax) {
    if (secret < 1 || secret > secretMax || challengeHash == null || challengeHash.length() != 64) {
      return false;
    }
    byte[] expected;
    try {
      expected = HEX.parseHex(challengeHash);
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    byte[] actual = sha256().digest(preimage(depositToken, challengeId, secret).getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(expected, actual);
  }

  /** A fresh SHA-256 digest (the JDK's, which runs on the CPU's SHA instructions). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}
