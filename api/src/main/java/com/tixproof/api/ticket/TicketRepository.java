package com.tixproof.api.ticket;

import com.tixproof.api.outbox.Outbox;
import com.tixproof.api.purchase.PurchaseStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for tickets: what a ticket says, storing a rendered one, failed attempts, and door check-ins. */
public final class TicketRepository {
  private static final String FACTS =
      "SELECT p.id, p.status, p.user_id, p.event_id, p.quantity, p.amount, p.deposit_token, p.ticket_url,"
          + " e.name AS event_name, e.venue, e.starts_at, u.name AS buyer_name, u.email AS buyer_email, w.currency,"
          + " (SELECT coalesce(json_agg(json_build_object('challengeId', c.challenge_id, 'secret', c.secret) ORDER BY c.position), '[]'::json)"
          + "  FROM purchase_challenges c WHERE c.purchase_id = p.id) AS solutions"
          + " FROM purchases p JOIN events e ON e.id = p.event_id JOIN users u ON u.id = p.user_id JOIN wallets w ON w.user_id = p.user_id"
          + " WHERE p.id = $1";
  /** PAID → TICKET_READY with the link; no row when it is already done (a repeated delivery). */
  private static final String READY =
      "UPDATE purchases SET status = 'TICKET_READY', ticket_url = $2, updated_at = now() WHERE id = $1 AND status = 'PAID'";
  private static final String STORE =
      "INSERT INTO tickets (purchase_id, code, token, bucket, storage_key, url, rendered_at) VALUES ($1, $2, $3, $4, $5, $6, now())"
          + " ON CONFLICT (purchase_id) DO UPDATE SET token = $3, bucket = $4, storage_key = $5, url = $6, rendered_at = now(),"
          + " failed_at = NULL, updated_at = now()";
  /** Counts a failed render; {@code failed_at} is set when the count reaches the limit ($4). */
  private static final String FAILED_ATTEMPT =
      "INSERT INTO tickets (purchase_id, code, render_attempts, last_error, failed_at)"
          + " VALUES ($1, $2, 1, $3, CASE WHEN 1 >= $4 THEN now() END)"
          + " ON CONFLICT (purchase_id) DO UPDATE SET render_attempts = tickets.render_attempts + 1, last_error = $3,"
          + " failed_at = CASE WHEN tickets.render_attempts + 1 >= $4 THEN coalesce(tickets.failed_at, now()) END, updated_at = now()"
          + " RETURNING render_attempts";
  private static final String CHECK_IN =
      "INSERT INTO ticket_check_ins (purchase_id, checked_in_by) VALUES ($1, $2) ON CONFLICT (purchase_id) DO NOTHING RETURNING checked_in_at";
  private static final String CHECKED_IN = "SELECT checked_in_at FROM ticket_check_ins WHERE purchase_id = $1";

  /** The outcome of a check-in: whether this scan was the first, and when the first one was. */
  public record CheckIn(boolean first, OffsetDateTime at) {}

  private final Pool pool;

  public TicketRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<TicketFacts>> facts(UUID purchaseId) {
    return pool.preparedQuery(FACTS).execute(Tuple.of(purchaseId)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      Object raw = r.getValue("solutions");
      JsonArray array = raw instanceof JsonArray a ? a : new JsonArray(raw.toString());
      List<PaymentProof.Solved> solutions = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        JsonObject s = array.getJsonObject(i);
        Number secret = s.getNumber("secret");
        solutions.add(new PaymentProof.Solved(s.getString("challengeId"), secret == null ? 0 : secret.longValue()));
      }
      return Optional.of(new TicketFacts(r.getUUID("id"), PurchaseStatus.valueOf(r.getString("status")), r.getUUID("user_id"),
          r.getUUID("event_id"), r.getInteger("quantity"), r.getLong("amount"), r.getUUID("deposit_token"), r.getString("ticket_url"),
          r.getString("event_name"), r.getString("venue"), r.getOffsetDateTime("starts_at"), r.getString("buyer_name"),
          r.getString("buyer_email"), r.getString("currency"), solutions));
    });
  }

  /**
   * In one transaction: PAID → TICKET_READY with the link, the ticket row, and the e-mail's outbox
   * row. False when the purchase was not PAID any more (already ready): then nothing changes.
   */
  public Future<Boolean> markReady(UUID purchaseId, String code, String token, TicketLink link) {
    return pool.withTransaction(tx -> tx.preparedQuery(READY).execute(Tuple.of(purchaseId, link.url())).compose(moved -> {
      if (moved.rowCount() != 1) {
        return Future.succeededFuture(false);
      }
      return tx.preparedQuery(STORE).execute(Tuple.of(purchaseId, code, token, link.bucket(), link.key(), link.url()))
          .compose(v -> Outbox.enqueue(tx, Outbox.TICKET_MAIL, purchaseId.toString(), new JsonObject().put("purchaseId", purchaseId.toString())))
          .map(v -> true);
    }));
  }

  /** Records one failed render; returns the failures so far. */
  public Future<Integer> recordFailure(UUID purchaseId, String code, String error, int limit) {
    String cut = error.length() > 500 ? error.substring(0, 500) : error;
    return pool.preparedQuery(FAILED_ATTEMPT).execute(Tuple.of(purchaseId, code, cut, limit))
        .map(rows -> rows.iterator().next().getInteger("render_attempts"));
  }

  /** Records the first check-in; concurrent scans race on the primary key and exactly one wins. */
  public Future<CheckIn> checkIn(UUID purchaseId, UUID staffId) {
    return pool.preparedQuery(CHECK_IN).execute(Tuple.of(purchaseId, staffId)).compose(rows -> {
      if (rows.iterator().hasNext()) {
        return Future.succeededFuture(new CheckIn(true, rows.iterator().next().getOffsetDateTime("checked_in_at")));
      }
      return pool.preparedQuery(CHECKED_IN).execute(Tuple.of(purchaseId))
          .map(earlier -> new CheckIn(false, earlier.iterator().next().getOffsetDateTime("checked_in_at")));
    });
  }
}
