package com.tixproof.api.idempotency;

import com.tixproof.api.http.ApiException;
import com.tixproof.api.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs a money-moving change at most once per {@code (user, Idempotency-Key)}.
 *
 * <p>The key row is inserted first, inside the change's own transaction. A concurrent request with
 * the same key blocks on the unique index until the first commits, then finds the key taken and
 * replays the stored answer; if the first rolled back (its change was refused), the key is free
 * again and the next request runs the change itself. So only successful answers are kept: a
 * refused purchase may be retried with the same key after a top-up. The same key with a
 * different request is {@code 422 idempotency_key_reused}.
 */
public final class IdempotentExecutor {
  private static final String CLAIM =
      "INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
  private static final String COMPLETE =
      "UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2";
  private static final String STORED =
      "SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2";

  private final Pool pool;

  public IdempotentExecutor(Pool pool) {
    this.pool = pool;
  }

  /** A stable fingerprint of the validated request: the operation and its parameters. */
  public static String fingerprint(String operation, Object... parts) {
    StringBuilder sb = new StringBuilder(operation);
    for (Object part : parts) {
      sb.append('\u001f').append(part);
    }
    return HexFormat.of().formatHex(com.tixproof.protocol.Challenges.sha256().digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  public Future<StoredResponse> run(UUID userId, String key, String requestHash,
      Function<SqlConnection, Future<StoredResponse>> change) {
    return pool.withTransaction(conn -> conn.preparedQuery(CLAIM).execute(Tuple.of(userId, key, requestHash))
            .compose(claim -> {
              if (claim.rowCount() == 0) {
                return Future.succeededFuture((StoredResponse) null);
              }
              return change.apply(conn).compose(answer -> conn.preparedQuery(COMPLETE)
                  .execute(Tuple.of(userId, key, answer.status(), answer.body()))
                  .map(done -> answer));
            }))
        .compose(answer -> answer != null ? Future.succeededFuture(answer) : replay(userId, key, requestHash));
  }

  private Future<StoredResponse> replay(UUID userId, String key, String requestHash) {
    return pool.preparedQuery(STORED).execute(Tuple.of(userId, key)).map(rows -> {
      Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
      if (row == null || row.getInteger("status_code") == null) {
        // committed rows always carry the answer; this is a key whose first use is still rolling back
        throw new ApiException(ErrorCode.INVALID_STATE, "a request with this Idempotency-Key is in progress; retry");
      }
      if (!row.getString("request_hash").equals(requestHash)) {
        throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used for a different request");
      }
      return new StoredResponse(row.getInteger("status_code"), row.getString("response"), true);
    });
  }
}
