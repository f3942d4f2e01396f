package com.tixproof.api.ticket;

import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs ticket tokens with Ed25519 (BouncyCastle) and checks them. The private key is a 32-byte
 * seed ({@code TICKET_SIGNING_KEY}, base64url); the public key is published so anyone can check a
 * ticket offline with {@link #verify(String, byte[])} alone.
 */
public final class TicketSigner {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
  /** Far above any real token (~170 characters): anything longer is garbage, not worth decoding. */
  private static final int MAX_TOKEN_CHARS = 1024;

  private final Ed25519PrivateKeyParameters privateKey;
  private final byte[] publicKey;

  public TicketSigner(byte[] seed) {
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 private key is a 32-byte seed, got " + seed.length + " bytes");
    }
    this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
    this.publicKey = privateKey.generatePublicKey().getEncoded();
  }

  /** From the base64url (or standard base64) text of a 32-byte seed. */
  public static TicketSigner fromSeed(String base64) {
    byte[] seed;
    try {
      seed = Base64.getUrlDecoder().decode(base64.trim().replace('+', '-').replace('/', '_').replace("=", ""));
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException("TICKET_SIGNING_KEY must be the base64url text of 32 bytes", notBase64);
    }
    return new TicketSigner(seed);
  }

  /** The raw 32-byte public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The public key as published: base64url without padding. */
  public String publicKeyText() {
    return B64.encodeToString(publicKey);
  }

  public String sign(TicketClaims claims) {
    byte[] signed = claims.toBytes();
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(signed, 0, signed.length);
    byte[] signature = signer.generateSignature();
    byte[] token = new byte[signed.length + signature.length];
    System.arraycopy(signed, 0, token, 0, signed.length);
    System.arraycopy(signature, 0, token, signed.length, signature.length);
    return B64.encodeToString(token);
  }

  /** The claims of a token this signer issued; empty for anything tampered, truncated, foreign or garbage. */
  public Optional<TicketClaims> verify(String token) {
    return verify(token, publicKey);
  }

  /** Offline check with only the published 32-byte public key. */
  public static Optional<TicketClaims> verify(String token, byte[] publicKey) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS || publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = B64_DECODE.decode(token);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    Ed25519PublicKeyParameters key;
    try {
      key = new Ed25519PublicKeyParameters(publicKey, 0);
    } catch (IllegalArgumentException notOnTheCurve) {
      return Optional.empty(); // 32 bytes that are no Ed25519 key verify nothing
    }
    return TicketClaims.parse(raw).filter(parsed -> {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, key);
      verifier.update(parsed.signed(), 0, parsed.signed().length);
      return verifier.verifySignature(parsed.signature());
    }).map(TicketClaims.Parsed::claims);
  }
}
