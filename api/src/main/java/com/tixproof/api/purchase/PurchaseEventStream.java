package com.tixproof.api.purchase;

import io.vertx.core.http.HttpServerResponse;

/**
 * One client's server-sent event stream of a purchase. Sends the purchase whenever its status or
 * progress moves forward (never backwards, so late reads of older states are dropped), and ends
 * the stream at a final state.
 */
final class PurchaseEventStream {
  private final HttpServerResponse response;
  private int lastRank = -1;
  private int lastSolved = -1;
  private boolean ended;

  PurchaseEventStream(HttpServerResponse response) {
    this.response = response;
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
  }

  /** Sends {@code p} if it is news; returns false once the stream has ended. */
  boolean offer(Purchase p) {
    if (ended || response.closed()) {
      return false;
    }
    int rank = rank(p.status());
    int solved = p.solvedChallenges();
    if (rank < lastRank || rank == lastRank && solved <= lastSolved) {
      return true;
    }
    lastRank = rank;
    lastSolved = solved;
    response.write("id: " + rank + "-" + solved + "\ndata: " + p.toJson().encode() + "\n\n");
    if (isFinal(p.status())) {
      ended = true;
      response.end();
      return false;
    }
    return true;
  }

  void ping() {
    if (!ended && !response.closed()) {
      response.write(": keep-alive\n\n");
    }
  }

  static int rank(PurchaseStatus s) {
    return switch (s) {
      case AWAITING_PROOF -> 0;
      case PAID -> 1;
      case TICKET_READY, EXPIRED, REJECTED -> 2;
    };
  }

  /** No change follows these. PAID is not final: the ticket is still to come. */
  static boolean isFinal(PurchaseStatus s) {
    return s == PurchaseStatus.TICKET_READY || s == PurchaseStatus.EXPIRED || s == PurchaseStatus.REJECTED;
  }
}
