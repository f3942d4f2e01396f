package com.tixproof.api.ticket;

import com.tixproof.protocol.Challenges;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The short code printed on a ticket for people (read out at the door, typed into a search):
 * {@code TX-XXXX-XXXX}, 40 bits of SHA-256("tixproof-ticket:" + purchaseId) in Crockford base32
 * (no I, L, O, U). Derived, so it never needs storing to be found again; not a secret and not the
 * proof (the signed token is).
 */
public final class TicketCode {
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private TicketCode() {}

  public static String of(UUID purchaseId) {
    byte[] h = Challenges.sha256().digest(("tixproof-ticket:" + purchaseId).getBytes(StandardCharsets.UTF_8));
    long bits = 0;
    for (int i = 0; i < 5; i++) {
      bits = bits << 8 | (h[i] & 0xFF);
    }
    StringBuilder out = new StringBuilder("TX-");
    for (int i = 7; i >= 0; i--) {
      out.append(CROCKFORD[(int) (bits >>> (5 * i)) & 31]);
      if (i == 4) {
        out.append('-');
      }
    }
    return out.toString();
  }
}
