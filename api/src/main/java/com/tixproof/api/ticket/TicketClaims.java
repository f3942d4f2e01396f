package com.tixproof.api.ticket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * What a ticket token says, and its byte layout (version 1), which third parties rely on to check
 * a ticket offline with only the published key (see {@code docs/TICKETS.md}):
 *
 * <pre>
 * offset  size  field
 *      0     1  version = 1
 *      1    16  purchaseId   (UUID, big-endian: most significant 64 bits, then least)
 *     17    16  eventId      (UUID, same)
 *     33     1  quantity     (1..10)
 *     34    16  depositToken (UUID, same)
 *     50    32  secretsDigest (see {@link PaymentProof#secretsDigest})
 *     82     1  n = holder length in bytes (0..255)
 *     83     n  holder, UTF-8 (the buyer's name, see {@link #holderOf})
 *   83+n    64  Ed25519 signature (RFC 8032) of bytes [0, 83+n)
 * </pre>
 *
 * The token is the whole byte string in base64url without padding (RFC 4648 §5).
 */
public record TicketClaims(UUID purchaseId, UUID eventId, int quantity, String holder, UUID depositToken, byte[] secretsDigest) {
  public static final int VERSION = 1;
  /** Longest holder kept in a token, in code points (and never more than 255 UTF-8 bytes). */
  public static final int HOLDER_MAX_CODE_POINTS = 64;
  static final int SIGNATURE_LENGTH = 64;
  private static final int FIXED_LENGTH = 83;

  public TicketClaims {
    if (quantity < 1 || quantity > 255) {
      throw new IllegalArgumentException("quantity out of range: " + quantity);
    }
    if (secretsDigest.length != 32) {
      throw new IllegalArgumentException("secretsDigest must be 32 bytes");
    }
    if (holder.getBytes(StandardCharsets.UTF_8).length > 255) {
      throw new IllegalArgumentException("holder longer than 255 UTF-8 bytes");
    }
    secretsDigest = secretsDigest.clone();
  }

  /** The buyer's name as a token carries it: its first 64 code points, then cut to whole code points within 255 UTF-8 bytes. */
  public static String holderOf(String name) {
    String s = name.codePointCount(0, name.length()) > HOLDER_MAX_CODE_POINTS
        ? name.substring(0, name.offsetByCodePoints(0, HOLDER_MAX_CODE_POINTS))
        : name;
    while (s.getBytes(StandardCharsets.UTF_8).length > 255) {
      s = s.substring(0, s.offsetByCodePoints(0, s.codePointCount(0, s.length()) - 1));
    }
    return s;
  }

  @Override
  public byte[] secretsDigest() {
    return secretsDigest.clone();
  }

  /** The signed part: every field, in the layout above. */
  byte[] toBytes() {
    byte[] name = holder.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(FIXED_LENGTH + name.length);
    b.put((byte) VERSION);
    putUuid(b, purchaseId);
    putUuid(b, eventId);
    b.put((byte) quantity);
    putUuid(b, depositToken);
    b.put(secretsDigest);
    b.put((byte) name.length);
    b.put(name);
    return b.array();
  }

  /** Splits a decoded token into its claims and the bytes they were signed as; empty when it is not a version 1 token. */
  static Optional<Parsed> parse(byte[] token) {
    if (token.length < FIXED_LENGTH + SIGNATURE_LENGTH || token[0] != VERSION) {
      return Optional.empty();
    }
    int nameLength = token[82] & 0xFF;
    if (token.length != FIXED_LENGTH + nameLength + SIGNATURE_LENGTH) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(token);
    b.position(1);
    UUID purchase = getUuid(b);
    UUID event = getUuid(b);
    int quantity = b.get() & 0xFF;
    UUID deposit = getUuid(b);
    byte[] digest = new byte[32];
    b.get(digest);
    b.get();
    byte[] name = new byte[nameLength];
    b.get(name);
    if (quantity < 1) {
      return Optional.empty();
    }
    var decoder = StandardCharsets.UTF_8.newDecoder();
    String holder;
    try {
      holder = decoder.decode(ByteBuffer.wrap(name)).toString();
    } catch (java.nio.charset.CharacterCodingException notUtf8) {
      return Optional.empty();
    }
    int signedLength = FIXED_LENGTH + nameLength;
    return Optional.of(new Parsed(new TicketClaims(purchase, event, quantity, holder, deposit, digest),
        Arrays.copyOfRange(token, 0, signedLength), Arrays.copyOfRange(token, signedLength, token.length)));
  }

  /** A token taken apart: the claims, the signed bytes and the signature. */
  record Parsed(TicketClaims claims, byte[] signed, byte[] signature) {}

  private static void putUuid(ByteBuffer b, UUID id) {
    b.putLong(id.getMostSignificantBits());
    b.putLong(id.getLeastSignificantBits());
  }

  private static UUID getUuid(ByteBuffer b) {
    return new UUID(b.getLong(), b.getLong());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TicketClaims c && purchaseId.equals(c.purchaseId) && eventId.equals(c.eventId) && quantity == c.quantity
        && holder.equals(c.holder) && depositToken.equals(c.depositToken) && Arrays.equals(secretsDigest, c.secretsDigest);
  }

  @Override
  public int hashCode() {
    return purchaseId.hashCode() * 31 + Arrays.hashCode(secretsDigest);
  }

  @Override
  public String toString() {
    return "TicketClaims[purchase " + purchaseId + ", event " + eventId + ", x" + quantity + ", holder " + holder + "]";
  }
}
