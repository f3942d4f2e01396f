package com.tixproof.pdf;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable object keys: the prefix, 128 random bits as 22 base64url characters, {@code .pdf}. */
public final class TicketKeys {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final String prefix;
  private final SecureRandom random = new SecureRandom();

  public TicketKeys(String prefix) {
    this.prefix = prefix;
  }

  public String next() {
    byte[] bits = new byte[16];
    random.nextBytes(bits);
    return prefix + BASE64URL.encodeToString(bits) + ".pdf";
  }
}
