package com.tixproof.api.purchase;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for purchases and their challenges. */
public final class PurchaseRepository {
  private static final String SELECT =
      "SELECT p.id, p.user_id, p.event_id, e.name AS event_name, p.quantity, p.amount, p.status, p.deposit_token,"
          + " p.ticket_url, p.created_at, p.updated_at, p.expires_at,"
          + " coalesce(t.render_attempts, 0) AS ticket_attempts, t.failed_at IS NOT NULL AS ticket_failed,"
          + " (SELECT coalesce(json_agg(json_build_object('challengeId', c.challenge_id, 'challengeHash', c.challenge_hash,"
          + "   'solved', c.solved_at IS NOT NULL) ORDER BY c.position), '[]'::json)"
          + "  FROM purchase_challenges c WHERE c.purchase_id = p.id) AS challenges"
          + " FROM purchases p JOIN events e ON e.id = p.event_id LEFT JOIN tickets t ON t.purchase_id = p.id";
  private static final String OWN = SELECT + " WHERE p.id = $1 AND p.user_id = $2";
  private static final String BY_ID = SELECT + " WHERE p.id = $1";
  private static final String OWN_PAGE = SELECT + " WHERE p.user_id = $1 AND p.id < $2 ORDER BY p.id DESC LIMIT $3";
  private static final String INSERT =
      "INSERT INTO purchases (id, user_id, event_id, quantity, amount, status, deposit_token, expires_at)"
          + " VALUES ($1, $2, $3, $4, $5, 'AWAITING_PROOF', $6, now() + make_interval(secs => $7))"
          + " RETURNING created_at, updated_at, expires_at";
  private static final String INSERT_CHALLENGE =
      "INSERT INTO purchase_challenges (purchase_id, position, challenge_id, challenge_hash) VALUES ($1, $2, $3, $4)";
  /** Locks the purchase for the proof transaction, so proofs and the sweeper take turns. */
  private static final String LOCK_BY_TOKEN =
      "SELECT id, status FROM purchases WHERE deposit_token = $1 FOR UPDATE";
  private static final String CHALLENGES =
      "SELECT challenge_id, challenge_hash, solved_at IS NOT NULL AS solved FROM purchase_challenges WHERE purchase_id = $1 ORDER BY position";
  private static final String SOLVE =
      "UPDATE purchase_challenges SET secret = $3, solved_at = now() WHERE purchase_id = $1 AND challenge_id = $2 AND solved_at IS NULL";
  private static final String UNSOLVED =
      "SELECT count(*) AS n FROM purchase_challenges WHERE purchase_id = $1 AND solved_at IS NULL";
  private static final String TOUCH = "UPDATE purchases SET updated_at = now() WHERE id = $1";
  private static final String TRANSITION =
      "UPDATE purchases SET status = $3, updated_at = now() WHERE id = $1 AND status = $2";
  private static final String DUE =
      "SELECT id, deposit_token FROM purchases WHERE status = 'AWAITING_PROOF' AND expires_at <= now() ORDER BY expires_at LIMIT $1";
  private static final String EXPIRE =
      "UPDATE purchases SET status = 'EXPIRED', updated_at = now()"
          + " WHERE id = $1 AND status = 'AWAITING_PROOF' AND expires_at <= now()"
          + " RETURNING user_id, event_id, quantity, amount, deposit_token";

  /** A stored challenge, with its hash, for verification. */
  public record StoredChallenge(String challengeId, String challengeHash, boolean solved) {}

  /** The locked head of a purchase in the proof transaction. */
  public record Locked(UUID id, PurchaseStatus status) {}

  /** What expiring a purchase must undo. */
  public record Expired(UUID userId, UUID eventId, int quantity, long amount, UUID depositToken) {}

  private final Pool pool;

  public PurchaseRepository(Pool pool) {
    this.pool = pool;
  }

  public static Future<Purchase.Timestamps> insert(SqlClient tx, UUID id, UUID userId, UUID eventId, int quantity, long amount,
      UUID depositToken, Duration proofTimeout) {
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(id, userId, eventId, quantity, amount, depositToken, proofTimeout.toMillis() / 1000.0))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Purchase.Timestamps(r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"), r.getOffsetDateTime("expires_at"));
        });
  }

  public static Future<Void> insertChallenges(SqlClient tx, UUID purchaseId, List<ChallengeIssuer.Issued> challenges) {
    List<Tuple> batch = new ArrayList<>(challenges.size());
    for (ChallengeIssuer.Issued c : challenges) {
      batch.add(Tuple.of(purchaseId, (short) c.position(), c.challengeId(), c.challengeHash()));
    }
    return tx.preparedQuery(INSERT_CHALLENGE).executeBatch(batch).mapEmpty();
  }

  public Future<Optional<Purchase>> findOwn(UUID id, UUID userId) {
    return pool.preparedQuery(OWN).execute(Tuple.of(id, userId)).map(PurchaseRepository::first);
  }

  public static Future<Purchase> get(SqlClient client, UUID id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> first(rows).orElseThrow());
  }

  public Future<List<Purchase>> pageOwn(UUID userId, UUID before, int limit) {
    return pool.preparedQuery(OWN_PAGE).execute(Tuple.of(userId, before, limit)).map(rows -> {
      List<Purchase> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  public static Future<Optional<Locked>> lockByDepositToken(SqlClient tx, UUID depositToken) {
    return tx.preparedQuery(LOCK_BY_TOKEN).execute(Tuple.of(depositToken)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Locked(r.getUUID("id"), PurchaseStatus.valueOf(r.getString("status"))));
    });
  }

  public static Future<List<StoredChallenge>> challenges(SqlClient tx, UUID purchaseId) {
    return tx.preparedQuery(CHALLENGES).execute(Tuple.of(purchaseId)).map(rows -> {
      List<StoredChallenge> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(new StoredChallenge(r.getString("challenge_id"), r.getString("challenge_hash"), r.getBoolean("solved"))));
      return out;
    });
  }

  /** Marks challenges solved; returns how many were newly solved. */
  public static Future<Integer> solve(SqlClient tx, UUID purchaseId, List<Tuple> idAndSecret) {
    List<Tuple> batch = new ArrayList<>(idAndSecret.size());
    for (Tuple t : idAndSecret) {
      batch.add(Tuple.of(purchaseId, t.getString(0), t.getLong(1)));
    }
    return tx.preparedQuery(SOLVE).executeBatch(batch).map(PurchaseRepository::totalRowCount);
  }

  public static Future<Long> unsolved(SqlClient tx, UUID purchaseId) {
    return tx.preparedQuery(UNSOLVED).execute(Tuple.of(purchaseId)).map(rows -> rows.iterator().next().getLong("n"));
  }

  public static Future<Void> touch(SqlClient tx, UUID purchaseId) {
    return tx.preparedQuery(TOUCH).execute(Tuple.of(purchaseId)).mapEmpty();
  }

  /** The guarded transition; true when this call made it. */
  public static Future<Boolean> transition(SqlClient tx, UUID purchaseId, PurchaseStatus from, PurchaseStatus to) {
    if (!from.canMoveTo(to)) {
      return Future.failedFuture(new IllegalArgumentException("no transition " + from + " → " + to));
    }
    return tx.preparedQuery(TRANSITION).execute(Tuple.of(purchaseId, from.name(), to.name())).map(rows -> rows.rowCount() == 1);
  }

  /** A purchase past its proof deadline. */
  public record Due(UUID id, UUID depositToken) {}

  public Future<List<Due>> due(int limit) {
    return pool.preparedQuery(DUE).execute(Tuple.of(limit)).map(rows -> {
      List<Due> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(new Due(r.getUUID("id"), r.getUUID("deposit_token"))));
      return out;
    });
  }

  /** AWAITING_PROOF → EXPIRED if still due; empty when another sweeper or a proof got there first. */
  public static Future<Optional<Expired>> expire(SqlClient tx, UUID purchaseId) {
    return tx.preparedQuery(EXPIRE).execute(Tuple.of(purchaseId)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Expired(r.getUUID("user_id"), r.getUUID("event_id"), r.getInteger("quantity"), r.getLong("amount"), r.getUUID("deposit_token")));
    });
  }

  private static int totalRowCount(RowSet<Row> rows) {
    int n = 0;
    for (RowSet<Row> r = rows; r != null; r = r.next()) {
      n += r.rowCount();
    }
    return n;
  }

  private static Optional<Purchase> first(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Optional.of(map(rows.iterator().next())) : Optional.empty();
  }

  private static Purchase map(Row r) {
    Object raw = r.getValue("challenges");
    JsonArray array = raw instanceof JsonArray a ? a : new JsonArray(raw.toString());
    List<Purchase.Challenge> challenges = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject c = array.getJsonObject(i);
      challenges.add(new Purchase.Challenge(c.getString("challengeId"), c.getString("challengeHash"), c.getBoolean("solved")));
    }
    return new Purchase(r.getUUID("id"), r.getUUID("user_id"), r.getUUID("event_id"), r.getString("event_name"),
        r.getInteger("quantity"), r.getLong("amount"), PurchaseStatus.valueOf(r.getString("status")), r.getUUID("deposit_token"),
        r.getString("ticket_url"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"),
        r.getOffsetDateTime("expires_at"), challenges,
        new Purchase.TicketProgress(r.getInteger("ticket_attempts"), r.getBoolean("ticket_failed")));
  }
}
