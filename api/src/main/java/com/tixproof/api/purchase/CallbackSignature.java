package com.tixproof.api.purchase;

import com.tixproof.protocol.Hmac;

/** {@code X-Signature} of the internal solutions endpoint (see {@link Hmac}). */
public final class CallbackSignature {
  private final Hmac hmac;

  public CallbackSignature(String secret) {
    this.hmac = new Hmac(secret);
  }

  public String sign(byte[] body) {
    return hmac.sign(body);
  }

  public boolean verify(byte[] body, String header) {
    return hmac.verify(body, header);
  }
}
