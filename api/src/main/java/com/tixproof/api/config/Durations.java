package com.tixproof.api.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as operators write them: {@code 600} (seconds), {@code 250ms}, {@code 30s}, {@code 10m}, {@code 2h}, or ISO {@code PT10M}. */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)?");

  private Durations() {}

  public static Duration parse(String name, String raw) {
    String value = raw.trim();
    if (value.startsWith("P") || value.startsWith("p")) {
      try {
        return positive(name, raw, Duration.parse(value));
      } catch (RuntimeException bad) {
        throw new IllegalArgumentException(name + " is not a duration: " + raw, bad);
      }
    }
    Matcher m = SIMPLE.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(name + " is not a duration (e.g. 600, 30s, 10m, PT10M): " + raw);
    }
    Duration d;
    try {
      long amount = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      d = switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofSeconds(amount);
      };
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      throw new IllegalArgumentException(name + " is too large: " + raw, tooLarge);
    }
    return positive(name, raw, d);
  }

  private static Duration positive(String name, String raw, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + raw);
    }
    return d;
  }
}
