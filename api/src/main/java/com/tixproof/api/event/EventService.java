package com.tixproof.api.event;

import com.tixproof.api.db.Ids;
import com.tixproof.api.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listing, detail, creation and the demo seed. */
public final class EventService {
  private static final Logger LOG = LoggerFactory.getLogger(EventService.class);
  private static final OffsetDateTime START = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  /** Validated input for a new event. */
  public record NewEvent(String name, String venue, Instant startsAt, long price, int capacity) {}

  private final EventRepository events;

  public EventService(EventRepository events) {
    this.events = events;
  }

  public Future<Event> create(NewEvent input, UUID adminId) {
    Event e = new Event(Ids.newId(), input.name(), input.venue(),
        input.startsAt().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), input.price(), input.capacity(), 0);
    return events.insert(e, adminId).onSuccess(created -> LOG.info("event {} created by {}: {} seats at {}",
        created.id(), adminId, created.capacity(), created.price()));
  }

  public Future<Event> get(UUID id) {
    return events.find(id).map(e -> e.orElseThrow(() -> ApiException.notFound("event")));
  }

  /** Soonest first. The cursor is opaque to clients: base64url of "epochMicros:id". */
  public Future<JsonObject> page(String before, int limit) {
    OffsetDateTime afterStartsAt = START.minusYears(1);
    UUID afterId = new UUID(0, 0);
    if (before != null && !before.isEmpty()) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(before), StandardCharsets.UTF_8).split(":", 2);
        afterStartsAt = START.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
        afterId = UUID.fromString(parts[1]);
      } catch (RuntimeException bad) {
        throw ApiException.invalid("before must be the next value of a previous page");
      }
    }
    return events.page(afterStartsAt, afterId, limit + 1).map(rows -> {
      List<Event> page = rows.size() > limit ? rows.subList(0, limit) : rows;
      JsonArray items = new JsonArray();
      page.forEach(e -> items.add(e.toJson()));
      String next = null;
      if (rows.size() > limit) {
        Event last = page.get(page.size() - 1);
        String raw = ChronoUnit.MICROS.between(START, last.startsAt()) + ":" + last.id();
        next = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
      }
      return new JsonObject().put("items", items).put("next", next);
    });
  }

  /** A few upcoming events so a newcomer has something to buy; only into an empty table. */
  public Future<Void> seedDemoEvents() {
    return events.count().compose(n -> {
      if (n > 0) {
        return Future.succeededFuture();
      }
      // evenings in Santiago (UTC−3): 19:00–21:00 local is 22:00–24:00 UTC
      Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
      List<NewEvent> demo = List.of(
          new NewEvent("Los Bunkers — Ruta 68 tour", "Teatro Caupolicán, Santiago", today.plus(14, ChronoUnit.DAYS).plus(23, ChronoUnit.HOURS), 35_000, 500),
          new NewEvent("Jazz at the Observatory", "Cerro Calán, Santiago", today.plus(21, ChronoUnit.DAYS).plus(24, ChronoUnit.HOURS), 18_000, 120),
          new NewEvent("Valparaíso Street Food Night", "Muelle Barón, Valparaíso", today.plus(9, ChronoUnit.DAYS).plus(22, ChronoUnit.HOURS), 8_000, 800),
          new NewEvent("Chamber Orchestra: Vivaldi by candlelight", "Iglesia de los Sacramentinos", today.plus(30, ChronoUnit.DAYS).plus(23, ChronoUnit.HOURS), 25_000, 60));
      Future<Void> chain = Future.succeededFuture();
      for (NewEvent e : demo) {
        chain = chain.compose(v -> create(e, null).mapEmpty());
      }
      return chain.onSuccess(v -> LOG.info("seeded {} demo events", demo.size()));
    });
  }
}
