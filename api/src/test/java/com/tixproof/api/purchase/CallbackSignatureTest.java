package com.tixproof.api.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("X-Signature: lower-case hex HMAC-SHA256 of the raw body")
class CallbackSignatureTest {
  /** RFC 4231, test case 2. */
  static final String KEY = "Jefe";
  static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
  static final String MAC = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

  final CallbackSignature signature = new CallbackSignature(KEY);

  @Test
  @DisplayName("sign matches the RFC 4231 test vector (key \"Jefe\") in lower-case hex")
  void knownVector() {
    assertEquals(MAC, signature.sign(DATA));
  }

  @Test
  @DisplayName("The key is the UTF-8 bytes of the secret")
  void utf8Key() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("clé-ñ-秘密".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertEquals(HexFormat.of().formatHex(mac.doFinal(DATA)), new CallbackSignature("clé-ñ-秘密").sign(DATA));
  }

  @Test
  @DisplayName("verify accepts the signature in lower or upper case, and with surrounding spaces")
  void verifyAccepts() {
    assertTrue(signature.verify(DATA, MAC));
    assertTrue(signature.verify(DATA, MAC.toUpperCase(Locale.ROOT)));
    assertTrue(signature.verify(DATA, " " + MAC + " "));
  }

  @Test
  @DisplayName("verify refuses a signature with one flipped byte")
  void flippedSignatureByte() {
    for (int i = 0; i < MAC.length(); i += 2) {
      char c = MAC.charAt(i);
      String flipped = MAC.substring(0, i) + (c == '0' ? '1' : '0') + MAC.substring(i + 1);
      assertFalse(signature.verify(DATA, flipped), "byte " + i / 2 + " flipped");
    }
  }

  @Test
  @DisplayName("verify refuses the right signature over a body with one flipped byte")
  void flippedBodyByte() {
    byte[] tampered = DATA.clone();
    tampered[5] ^= 0x01;
    assertFalse(signature.verify(tampered, MAC));
  }

  @Test
  @DisplayName("verify refuses a missing, empty, truncated, extended or differently keyed signature")
  void refusesOthers() {
    assertFalse(signature.verify(DATA, null));
    assertFalse(signature.verify(DATA, ""));
    assertFalse(signature.verify(DATA, MAC.substring(0, 63)));
    assertFalse(signature.verify(DATA, MAC + "0"));
    assertFalse(signature.verify(DATA, new CallbackSignature("jefe").sign(DATA)));
    assertFalse(signature.verify(DATA, "sha256=" + MAC));
  }

  @Test
  @DisplayName("An empty body has a signature too, and it verifies")
  void emptyBody() {
    String sig = signature.sign(new byte[0]);
    assertEquals(64, sig.length());
    assertTrue(signature.verify(new byte[0], sig));
  }
}
