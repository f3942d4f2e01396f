package com.tixproof.pdf;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/** How dates and money read on the ticket. */
final class TicketFormat {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm", Locale.ENGLISH);

  private TicketFormat() {}

  /** {@code Thursday 24 December 2026, 21:00 UTC}; an offset or a zone is named after the time. */
  static String startsAt(ZonedDateTime at) {
    return WHEN.format(at) + " " + zone(at);
  }

  private static String zone(ZonedDateTime at) {
    ZoneOffset offset = at.getOffset();
    String utc = offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
    return at.getZone() instanceof ZoneOffset ? utc : at.getZone().getId() + " (" + utc + ")";
  }

  /** {@code CLP 30,000} or {@code USD 1,234.50}: minor units shown with the currency's decimals. */
  static String money(long minorUnits, Currency currency) {
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    BigDecimal value = BigDecimal.valueOf(minorUnits, digits);
    return currency.getCurrencyCode() + " " + String.format(Locale.ENGLISH, "%,." + digits + "f", value);
  }
}
