package com.tixproof.api.purchase;

import java.util.EnumSet;
import java.util.Set;

/**
 * A purchase's lifecycle, all its transitions in one place. Each transition is a guarded
 * {@code UPDATE … WHERE status = $from}, so a late or repeated message changes nothing.
 *
 * <pre>
 * AWAITING_PROOF → PAID → TICKET_READY
 * AWAITING_PROOF → EXPIRED | REJECTED   (seats released and money refunded in the same transaction)
 * </pre>
 */
public enum PurchaseStatus {
  AWAITING_PROOF, PAID, TICKET_READY, EXPIRED, REJECTED;

  public Set<PurchaseStatus> next() {
    return switch (this) {
      case AWAITING_PROOF -> EnumSet.of(PAID, EXPIRED, REJECTED);
      case PAID -> EnumSet.of(TICKET_READY);
      case TICKET_READY, EXPIRED, REJECTED -> EnumSet.noneOf(PurchaseStatus.class);
    };
  }

  public boolean canMoveTo(PurchaseStatus target) {
    return next().contains(target);
  }

  /** Whether the payment was proven (the purchase holds its seats for good). */
  public boolean isProven() {
    return this == PAID || this == TICKET_READY;
  }
}
