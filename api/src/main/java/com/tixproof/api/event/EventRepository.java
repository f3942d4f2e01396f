package com.tixproof.api.event;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for events and their seats. */
public final class EventRepository {
  private static final String INSERT =
      "INSERT INTO events (id, name, venue, starts_at, price, capacity, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)"
          + " RETURNING " + Event.COLUMNS;
  private static final String BY_ID = "SELECT " + Event.COLUMNS + " FROM events WHERE id = $1";
  /** Events not yet started, soonest first; the cursor is the (starts_at, id) of the last row of the previous page. */
  private static final String PAGE = "SELECT " + Event.COLUMNS + " FROM events"
      + " WHERE starts_at > now() AND (starts_at, id) > ($1, $2) ORDER BY starts_at, id LIMIT $3";
  /** Takes seats only if they are there: concurrent buyers can never oversell. */
  private static final String RESERVE =
      "UPDATE events SET sold = sold + $2 WHERE id = $1 AND sold + $2 <= capacity AND starts_at > now() RETURNING price, name";
  private static final String RELEASE = "UPDATE events SET sold = sold - $2 WHERE id = $1 AND sold >= $2";
  private static final String COUNT = "SELECT count(*) AS n FROM events";

  /** What a reservation tells the purchase. */
  public record Reserved(long price, String name) {}

  private final Pool pool;

  public EventRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Event> insert(Event e, UUID createdBy) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(e.id(), e.name(), e.venue(), e.startsAt(), e.price(), e.capacity(), createdBy))
        .map(rows -> Event.from(rows.iterator().next()));
  }

  public Future<Optional<Event>> find(SqlClient client, UUID id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(Event.from(rows.iterator().next())) : Optional.empty());
  }

  public Future<Optional<Event>> find(UUID id) {
    return find(pool, id);
  }

  public Future<List<Event>> page(OffsetDateTime afterStartsAt, UUID afterId, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(afterStartsAt, afterId, limit)).map(rows -> {
      List<Event> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(Event.from(row));
      }
      return out;
    });
  }

  public Future<Long> count() {
    return pool.preparedQuery(COUNT).execute().map(rows -> rows.iterator().next().getLong("n"));
  }

  public static Future<Optional<Reserved>> reserve(SqlClient tx, UUID eventId, int quantity) {
    return tx.preparedQuery(RESERVE).execute(Tuple.of(eventId, quantity)).map(rows -> {
      if (rows.rowCount() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new Reserved(row.getLong("price"), row.getString("name")));
    });
  }

  public static Future<Void> release(SqlClient tx, UUID eventId, int quantity) {
    return tx.preparedQuery(RELEASE).execute(Tuple.of(eventId, quantity)).compose(rows -> rows.rowCount() == 1
        ? Future.succeededFuture()
        : Future.failedFuture(new IllegalStateException("event " + eventId + " cannot release " + quantity + " seats")));
  }
}
