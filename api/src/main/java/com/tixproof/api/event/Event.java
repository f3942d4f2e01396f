package com.tixproof.api.event;

import com.tixproof.api.http.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An event as listed: {@code seatsLeft} = capacity − seats held by live purchases. */
public record Event(UUID id, String name, String venue, OffsetDateTime startsAt, long price, int capacity, int sold) {

  static final String COLUMNS = "id, name, venue, starts_at, price, capacity, sold";

  static Event from(Row row) {
    return new Event(row.getUUID("id"), row.getString("name"), row.getString("venue"),
        row.getOffsetDateTime("starts_at"), row.getLong("price"), row.getInteger("capacity"), row.getInteger("sold"));
  }

  public int seatsLeft() {
    return capacity - sold;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("name", name)
        .put("venue", venue)
        .put("startsAt", Times.iso(startsAt))
        .put("price", price)
        .put("capacity", capacity)
        .put("seatsLeft", seatsLeft());
  }
}
