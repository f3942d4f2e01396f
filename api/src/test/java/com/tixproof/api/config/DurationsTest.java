package com.tixproof.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Durations as operators write them")
class DurationsTest {
  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("600", Duration.ofSeconds(600)),
        Arguments.of("30s", Duration.ofSeconds(30)),
        Arguments.of("10m", Duration.ofMinutes(10)),
        Arguments.of("2h", Duration.ofHours(2)),
        Arguments.of("250ms", Duration.ofMillis(250)),
        Arguments.of("PT10M", Duration.ofMinutes(10)),
        Arguments.of("pt1h30m", Duration.ofMinutes(90)),
        Arguments.of(" 45s ", Duration.ofSeconds(45)));
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @MethodSource("accepted")
  @DisplayName("Plain seconds, ms/s/m/h suffixes and ISO-8601 are read")
  void parses(String raw, Duration expected) {
    assertEquals(expected, Durations.parse("SWEEP_INTERVAL", raw));
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"0", "0ms", "PT0S", "-1", "-5s", "PT-5M", "abc", "", "10 m", "10d", "1.5h", "P",
      "99999999999999999999", "9999999999999999h"})
  @DisplayName("Zero, negative, malformed and overflowing values are refused with the variable's name")
  void rejects(String raw) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Durations.parse("SWEEP_INTERVAL", raw));
    assertTrue(refused.getMessage().contains("SWEEP_INTERVAL"), "message names the variable: " + refused.getMessage());
  }
}
