package com.tixproof.api.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Time-ordered ids (UUID version 7)")
class IdsTest {
  @Test
  @DisplayName("Ids are version 7, variant 2 (RFC 9562)")
  void versionAndVariant() {
    for (int i = 0; i < 1_000; i++) {
      UUID id = Ids.newId();
      assertEquals(7, id.version(), id.toString());
      assertEquals(2, id.variant(), id.toString());
    }
  }

  @Test
  @DisplayName("The first 48 bits are the Unix milliseconds of creation")
  void carriesMillis() {
    long before = System.currentTimeMillis();
    UUID id = Ids.newId();
    long after = System.currentTimeMillis();
    long millis = id.getMostSignificantBits() >>> 16;
    assertTrue(millis >= before && millis <= after, millis + " not in [" + before + ", " + after + "]");
    assertEquals(1_700_000_000_123L, Ids.newId(1_700_000_000_123L).getMostSignificantBits() >>> 16);
  }

  @Test
  @DisplayName("An id of a later millisecond sorts after every id of an earlier one, as text and as PostgreSQL compares them")
  void orderedAcrossMilliseconds() {
    long t = 1_700_000_000_000L;
    for (int i = 0; i < 2_000; i++) {
      UUID earlier = Ids.newId(t + i);
      UUID later = Ids.newId(t + i + 1);
      // PostgreSQL orders uuid bytewise (unsigned), which is the order of the lower-case hex text
      assertTrue(earlier.toString().compareTo(later.toString()) < 0, earlier + " !< " + later);
      assertTrue(earlier.compareTo(later) < 0, earlier + " !< " + later);
    }
  }

  @Test
  @DisplayName("Ids made in the same millisecond are still unique (74 random bits)")
  void uniqueWithinMillisecond() {
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertTrue(seen.add(Ids.newId(1_700_000_000_000L)));
    }
  }

  @Test
  @DisplayName("Ids parse back from their text form")
  void roundTrips() {
    UUID id = Ids.newId();
    assertEquals(id, UUID.fromString(id.toString()));
  }
}
