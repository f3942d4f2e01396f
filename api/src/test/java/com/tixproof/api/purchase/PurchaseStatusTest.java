package com.tixproof.api.purchase;

import static com.tixproof.api.purchase.PurchaseStatus.AWAITING_PROOF;
import static com.tixproof.api.purchase.PurchaseStatus.EXPIRED;
import static com.tixproof.api.purchase.PurchaseStatus.PAID;
import static com.tixproof.api.purchase.PurchaseStatus.REJECTED;
import static com.tixproof.api.purchase.PurchaseStatus.TICKET_READY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("A purchase's lifecycle")
class PurchaseStatusTest {
  /** The diagram in PurchaseStatus: AWAITING_PROOF → PAID → TICKET_READY; AWAITING_PROOF → EXPIRED | REJECTED. */
  static final Map<PurchaseStatus, Set<PurchaseStatus>> DOCUMENTED = Map.of(
      AWAITING_PROOF, EnumSet.of(PAID, EXPIRED, REJECTED),
      PAID, EnumSet.of(TICKET_READY),
      TICKET_READY, EnumSet.noneOf(PurchaseStatus.class),
      EXPIRED, EnumSet.noneOf(PurchaseStatus.class),
      REJECTED, EnumSet.noneOf(PurchaseStatus.class));

  @Test
  @DisplayName("Every status is in the documented table")
  void everyStatusDocumented() {
    assertEquals(EnumSet.allOf(PurchaseStatus.class), EnumSet.copyOf(DOCUMENTED.keySet()));
  }

  @ParameterizedTest(name = "{0} may move exactly to its documented next statuses")
  @EnumSource(PurchaseStatus.class)
  @DisplayName("next() is the documented set")
  void nextIsDocumented(PurchaseStatus from) {
    assertEquals(DOCUMENTED.get(from), from.next());
  }

  @ParameterizedTest(name = "from {0}")
  @EnumSource(PurchaseStatus.class)
  @DisplayName("canMoveTo agrees with the table for every target, and no status moves to itself")
  void canMoveToEveryPair(PurchaseStatus from) {
    for (PurchaseStatus to : PurchaseStatus.values()) {
      assertEquals(DOCUMENTED.get(from).contains(to), from.canMoveTo(to), from + " → " + to);
    }
  }

  @Test
  @DisplayName("Only PAID and TICKET_READY count as proven (they hold their seats for good)")
  void proven() {
    Set<PurchaseStatus> proven = EnumSet.noneOf(PurchaseStatus.class);
    for (PurchaseStatus s : PurchaseStatus.values()) {
      if (s.isProven()) {
        proven.add(s);
      }
    }
    assertEquals(EnumSet.of(PAID, TICKET_READY), proven);
  }

  @Test
  @DisplayName("There is no way back: no status can be reached again once left")
  void noCycles() {
    for (PurchaseStatus start : PurchaseStatus.values()) {
      Set<PurchaseStatus> reachable = EnumSet.noneOf(PurchaseStatus.class);
      Set<PurchaseStatus> frontier = start.next();
      while (!frontier.isEmpty()) {
        reachable.addAll(frontier);
        Set<PurchaseStatus> nextFrontier = EnumSet.noneOf(PurchaseStatus.class);
        frontier.forEach(s -> nextFrontier.addAll(s.next()));
        nextFrontier.removeAll(reachable);
        frontier = nextFrontier;
      }
      assertFalse(reachable.contains(start), start + " can come back to itself");
    }
  }
}
