package com.tixproof.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every call between the API and the master ({@code X-Signature}): lowercase hex
 * HMAC-SHA256 of the raw body, keyed with the UTF-8 bytes of {@code CALLBACK_SECRET}.
 */
public final class Hmac {
  public static final String HEADER = "X-Signature";
  private final SecretKeySpec key;

  public Hmac(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Constant-time check of a header value (any hex case) against the body. */
  public boolean verify(byte[] body, String header) {
    if (header == null) {
      return false;
    }
    byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = header.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }
}
