package com.tixproof.api.ticket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ticket tokens: Ed25519-signed, compact, and refused when anything about them is off")
class TicketSignerTest {
  static final HexFormat HEX = HexFormat.of();
  /** RFC 8032 §7.1, test 1. */
  static final byte[] RFC_SEED = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  static final byte[] RFC_PUBLIC = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  static final UUID PURCHASE = UUID.fromString("0193a5b0-0000-7000-8000-000000000001");

  final TicketSigner signer = new TicketSigner(RFC_SEED);

  static TicketClaims claims(String holder) {
    byte[] digest = PaymentProof.secretsDigest(PURCHASE.toString(), List.of(new PaymentProof.Solved("c-one", 17)));
    return new TicketClaims(PURCHASE, UUID.fromString("0193a5b0-1111-7000-8000-000000000002"), 2, holder,
        UUID.fromString("5f0c2a64-3b7e-4c55-9a7e-2f1d0e6b9c01"), digest);
  }

  @Test
  @DisplayName("the key pair is Ed25519 as RFC 8032 defines it (test vector 1), published as base64url")
  void rfc8032KeyPair() {
    assertArrayEquals(RFC_PUBLIC, signer.publicKey());
    assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(RFC_PUBLIC), signer.publicKeyText());
    assertArrayEquals(RFC_PUBLIC, TicketSigner.fromSeed(Base64.getUrlEncoder().withoutPadding().encodeToString(RFC_SEED)).publicKey());
  }

  @Test
  @DisplayName("a signed token verifies to the same claims, with the signer and offline with only the public key")
  void roundTrip() {
    TicketClaims c = claims("Ana Pérez");
    String token = signer.sign(c);
    assertEquals(Optional.of(c), signer.verify(token));
    assertEquals(Optional.of(c), TicketSigner.verify(token, RFC_PUBLIC));
    assertTrue(token.matches("[A-Za-z0-9_-]+"), "URL-safe: " + token);
    byte[] raw = Base64.getUrlDecoder().decode(token);
    assertEquals(83 + "Ana Pérez".getBytes(StandardCharsets.UTF_8).length + 64, raw.length, "the documented layout");
    assertEquals(1, raw[0], "version byte");
    assertTrue(token.length() < 250, "fits a QR code comfortably: " + token.length());
  }

  @Test
  @DisplayName("flipping any single bit of the token makes it invalid")
  void everyTamperedByteIsRefused() {
    byte[] raw = Base64.getUrlDecoder().decode(signer.sign(claims("Ana")));
    for (int i = 0; i < raw.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] copy = raw.clone();
        copy[i] ^= (byte) (1 << bit);
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(copy);
        assertEquals(Optional.empty(), signer.verify(tampered), "byte " + i + " bit " + bit);
      }
    }
  }

  @Test
  @DisplayName("a token signed with another key is refused")
  void wrongKey() {
    byte[] otherSeed = RFC_SEED.clone();
    otherSeed[0] ^= 1;
    String foreign = new TicketSigner(otherSeed).sign(claims("Ana"));
    assertEquals(Optional.empty(), signer.verify(foreign));
  }

  @Test
  @DisplayName("offline, any other 32 bytes as the key verify nothing, also when they are not a point on the curve")
  void everyOtherKeyIsRefused() {
    String token = signer.sign(claims("Ana"));
    for (int i = 0; i < 32; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] key = RFC_PUBLIC.clone();
        key[i] ^= (byte) (1 << bit);
        assertEquals(Optional.empty(), TicketSigner.verify(token, key), "byte " + i + " bit " + bit);
      }
    }
    assertEquals(Optional.empty(), TicketSigner.verify(token, new byte[31]));
  }

  @Test
  @DisplayName("truncated and extended tokens are refused")
  void truncatedOrExtended() {
    String token = signer.sign(claims("Ana"));
    for (int cut = 1; cut < token.length(); cut += 7) {
      assertEquals(Optional.empty(), signer.verify(token.substring(0, token.length() - cut)), "cut " + cut);
    }
    assertEquals(Optional.empty(), signer.verify(token + "AAAA"));
  }

  @Test
  @DisplayName("garbage is refused without an exception: empty, not base64, huge, another version")
  void garbage() {
    for (String g : new String[] {"", "not a token", "====", "%%%", "A".repeat(5000), "😀", "eyJhbGciOiJIUzI1NiJ9.e30.x"}) {
      assertEquals(Optional.empty(), signer.verify(g), g.length() > 40 ? g.substring(0, 40) : g);
    }
    byte[] raw = Base64.getUrlDecoder().decode(signer.sign(claims("Ana")));
    raw[0] = 2;
    assertEquals(Optional.empty(), signer.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)));
    assertEquals(Optional.empty(), signer.verify(null));
  }

  @Test
  @DisplayName("the holder is the name cut to 64 code points and 255 UTF-8 bytes, whole code points only")
  void holderCut() {
    assertEquals("Ana", TicketClaims.holderOf("Ana"));
    assertEquals("x".repeat(64), TicketClaims.holderOf("x".repeat(200)));
    String emoji = "😀".repeat(70);
    String cut = TicketClaims.holderOf(emoji);
    assertEquals(63, cut.codePointCount(0, cut.length()), "64 emoji are 256 bytes: one more goes");
    assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 255);
    TicketClaims c = claims(cut);
    assertEquals(Optional.of(c), signer.verify(signer.sign(c)));
  }

  @Test
  @DisplayName("the secrets digest is SHA-256 of the preimage lines, as documented (vector computed independently)")
  void secretsDigestVector() {
    byte[] digest = PaymentProof.secretsDigest("0193a5b0-0000-7000-8000-000000000001",
        List.of(new PaymentProof.Solved("c-one", 17), new PaymentProof.Solved("c-two", 400000)));
    assertEquals("ca8cbf25b3cd4697a239046e70fa93ad50b761d025ce4b0cfe5cfa810270f2ac", HEX.formatHex(digest));
  }

  @Test
  @DisplayName("the ticket code is TX-XXXX-XXXX in Crockford base32, derived from the purchase id (vector computed independently)")
  void ticketCode() {
    assertEquals("TX-CMPT-GQX3", TicketCode.of(PURCHASE));
    assertTrue(TicketCode.of(UUID.randomUUID()).matches("TX-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"));
  }
}
