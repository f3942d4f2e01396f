package com.tixproof.api.http;

import io.vertx.ext.web.RoutingContext;

/**
 * The caller's address for rate limits: the TCP peer, or, behind a load balancer that sets it
 * ({@code TRUST_FORWARDED_FOR=true}), the last hop of {@code X-Forwarded-For}.
 */
public final class ClientAddress {
  private final boolean trustForwardedFor;

  public ClientAddress(boolean trustForwardedFor) {
    this.trustForwardedFor = trustForwardedFor;
  }

  public String of(RoutingContext ctx) {
    if (trustForwardedFor) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].trim();
      }
    }
    var remote = ctx.request().remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }
}
