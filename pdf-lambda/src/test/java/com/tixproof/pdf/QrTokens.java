package com.tixproof.pdf;

import java.util.Base64;
import java.util.Random;

/** Random ticket tokens shaped like the API's (docs/TICKETS.md): version 1 claims, holder, Ed25519 signature, base64url. */
final class QrTokens {
  private static final String NAME_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ";

  private QrTokens() {}

  /** A token with a holder name of 4 to 24 bytes: 202 to 228 characters, QR versions 10 and 11 at level M. */
  static String random(Random random) {
    int holder = 4 + random.nextInt(21);
    byte[] bytes = new byte[83 + holder + 64];
    random.nextBytes(bytes);
    bytes[0] = 1;
    bytes[33] = (byte) (1 + random.nextInt(10));
    bytes[82] = (byte) holder;
    for (int i = 0; i < holder; i++) {
      bytes[83 + i] = (byte) NAME_LETTERS.charAt(random.nextInt(NAME_LETTERS.length()));
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Random base64url text of this length. */
  static String random(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
  }
}
