package com.tixproof.workers.master;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for jobs, their challenges and range tasks (schema {@code master}). */
final class JobRepository {
  static final String INSERT_JOB =
      "INSERT INTO jobs (id, purchase_id, secret_max, state) VALUES ($1, $2, $3, 'OPEN') ON CONFLICT (id) DO NOTHING";
  static final String INSERT_CHALLENGE =
      "INSERT INTO challenges (job_id, challenge_id, position, challenge_hash) VALUES ($1, $2, $3, $4)";
  static final String INSERT_TASK =
      "INSERT INTO tasks (job_id, challenge_id, range_from, range_to, state) VALUES ($1, $2, $3, $4, 'NEW')";
  static final String NEW_TASKS =
      "SELECT t.id, t.job_id, t.challenge_id, c.challenge_hash, t.range_from, t.range_to FROM tasks t"
          + " JOIN challenges c USING (job_id, challenge_id) WHERE t.state = 'NEW' ORDER BY t.id LIMIT $1";
  static final String MARK_QUEUED =
      "UPDATE tasks SET state = 'QUEUED', stream_id = $2, enqueued_at = now() WHERE id = $1 AND state = 'NEW'";
  static final String REQUEUE_ALL = "UPDATE tasks SET state = 'NEW', stream_id = NULL WHERE state = 'QUEUED'";
  static final String FINISH_TASK =
      "UPDATE tasks SET state = $2, worker = $3, tried = $4, busy_nanos = $5, done_at = now() WHERE id = $1 AND state IN ('NEW', 'QUEUED')";
  static final String SOLVE_CHALLENGE =
      "UPDATE challenges SET secret = $3, solved_by = $4, solved_at = now(), callback_state = 'PENDING', callback_next_at = now()"
          + " WHERE job_id = $1 AND challenge_id = $2 AND secret IS NULL RETURNING challenge_hash";
  static final String CANCEL_SIBLINGS =
      "UPDATE tasks SET state = 'CANCELLED', done_at = now() WHERE job_id = $1 AND challenge_id = $2 AND state IN ('NEW', 'QUEUED')";
  static final String OPEN_TASKS_OF_CHALLENGE =
      "SELECT count(*) AS n FROM tasks WHERE job_id = $1 AND challenge_id = $2 AND state IN ('NEW', 'QUEUED')";
  static final String FAIL_CHALLENGE =
      "UPDATE challenges SET failed = true WHERE job_id = $1 AND challenge_id = $2 AND secret IS NULL";
  static final String JOB_PROGRESS =
      "SELECT count(*) FILTER (WHERE secret IS NOT NULL) AS solved, count(*) FILTER (WHERE failed) AS failed, count(*) AS total"
          + " FROM challenges WHERE job_id = $1";
  static final String SET_JOB_STATE =
      "UPDATE jobs SET state = $2, solved_at = CASE WHEN $2 = 'SOLVED' THEN now() ELSE solved_at END WHERE id = $1 AND state = 'OPEN'";
  static final String JOB = "SELECT id, purchase_id, secret_max, state, created_at, solved_at FROM jobs WHERE id = $1";
  static final String JOB_CHALLENGES =
      "SELECT c.challenge_id, c.challenge_hash, c.secret IS NOT NULL AS solved, c.solved_by, c.solved_at, c.failed, c.callback_state,"
          + " c.callback_attempts, c.callback_error,"
          + " (SELECT count(*) FROM tasks t WHERE t.job_id = c.job_id AND t.challenge_id = c.challenge_id) AS tasks,"
          + " (SELECT count(*) FROM tasks t WHERE t.job_id = c.job_id AND t.challenge_id = c.challenge_id AND t.state = 'DONE') AS done,"
          + " (SELECT count(*) FROM tasks t WHERE t.job_id = c.job_id AND t.challenge_id = c.challenge_id AND t.state = 'CANCELLED') AS cancelled"
          + " FROM challenges c WHERE c.job_id = $1 ORDER BY c.position";
  static final String DUE_CALLBACKS =
      "SELECT job_id, challenge_id, secret, callback_attempts FROM challenges"
          + " WHERE callback_state = 'PENDING' AND callback_next_at <= now() ORDER BY callback_next_at LIMIT $1";
  static final String CALLBACK_DONE =
      "UPDATE challenges SET callback_state = $3, callback_attempts = callback_attempts + 1, callback_error = $4, callback_done_at = now()"
          + " WHERE job_id = $1 AND challenge_id = $2 AND callback_state = 'PENDING'";
  static final String CALLBACK_RETRY =
      "UPDATE challenges SET callback_attempts = callback_attempts + 1, callback_error = $3,"
          + " callback_next_at = now() + make_interval(secs => $4) WHERE job_id = $1 AND challenge_id = $2 AND callback_state = 'PENDING'";
  static final String BACKLOG =
      "SELECT count(*) AS tasks, coalesce(sum(range_to - range_from + 1), 0) AS candidates FROM tasks WHERE state IN ('NEW', 'QUEUED')";

  /** A task ready to be put on the stream. */
  record NewTask(long id, UUID jobId, String challengeId, String challengeHash, long from, long to) {}

  /** A solved challenge whose callback is due. */
  record DueCallback(UUID jobId, String challengeId, long secret, int attempts) {}

  private final Pool pool;

  JobRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<List<NewTask>> newTasks(int limit) {
    return pool.preparedQuery(NEW_TASKS).execute(Tuple.of(limit)).map(rows -> {
      List<NewTask> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new NewTask(r.getLong("id"), r.getUUID("job_id"), r.getString("challenge_id"), r.getString("challenge_hash"),
            r.getLong("range_from"), r.getLong("range_to")));
      }
      return out;
    });
  }

  Future<Void> markQueued(List<Tuple> idAndStreamId) {
    return idAndStreamId.isEmpty() ? Future.succeededFuture() : pool.preparedQuery(MARK_QUEUED).executeBatch(idAndStreamId).mapEmpty();
  }

  Future<Integer> requeueAll() {
    return pool.query(REQUEUE_ALL).execute().map(rows -> rows.rowCount());
  }

  Future<List<DueCallback>> dueCallbacks(int limit) {
    return pool.preparedQuery(DUE_CALLBACKS).execute(Tuple.of(limit)).map(rows -> {
      List<DueCallback> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new DueCallback(r.getUUID("job_id"), r.getString("challenge_id"), r.getLong("secret"), r.getInteger("callback_attempts")));
      }
      return out;
    });
  }

  Future<Void> callbackDone(UUID jobId, String challengeId, String state, String error) {
    return pool.preparedQuery(CALLBACK_DONE).execute(Tuple.of(jobId, challengeId, state, error)).mapEmpty();
  }

  Future<Void> callbackRetry(UUID jobId, String challengeId, String error, double delaySeconds) {
    return pool.preparedQuery(CALLBACK_RETRY).execute(Tuple.of(jobId, challengeId, error, delaySeconds)).mapEmpty();
  }

  Future<JsonObject> backlog() {
    return pool.query(BACKLOG).execute().map(rows -> {
      Row r = rows.iterator().next();
      return new JsonObject().put("tasks", r.getLong("tasks")).put("candidates", r.getLong("candidates"));
    });
  }

  Future<Optional<JsonObject>> job(UUID id) {
    return pool.preparedQuery(JOB).execute(Tuple.of(id)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        return Future.succeededFuture(Optional.empty());
      }
      Row j = rows.iterator().next();
      return pool.preparedQuery(JOB_CHALLENGES).execute(Tuple.of(id)).map(cs -> {
        JsonArray challenges = new JsonArray();
        int solved = 0;
        for (Row c : cs) {
          if (c.getBoolean("solved")) {
            solved++;
          }
          challenges.add(new JsonObject()
              .put("challengeId", c.getString("challenge_id"))
              .put("challengeHash", c.getString("challenge_hash"))
              .put("solved", c.getBoolean("solved"))
              .put("failed", c.getBoolean("failed"))
              .put("solvedBy", c.getString("solved_by"))
              .put("solvedAt", c.getOffsetDateTime("solved_at") == null ? null : c.getOffsetDateTime("solved_at").toString())
              .put("callback", new JsonObject().put("state", c.getString("callback_state"))
                  .put("attempts", c.getInteger("callback_attempts")).put("error", c.getString("callback_error")))
              .put("tasks", new JsonObject().put("total", c.getLong("tasks")).put("done", c.getLong("done"))
                  .put("cancelled", c.getLong("cancelled"))));
        }
        return Optional.of(new JsonObject()
            .put("jobId", j.getUUID("id").toString())
            .put("purchaseId", j.getUUID("purchase_id").toString())
            .put("secretMax", j.getLong("secret_max"))
            .put("state", j.getString("state"))
            .put("solvedChallenges", solved)
            .put("totalChallenges", challenges.size())
            .put("challenges", challenges)
            .put("createdAt", j.getOffsetDateTime("created_at").toString())
            .put("solvedAt", j.getOffsetDateTime("solved_at") == null ? null : j.getOffsetDateTime("solved_at").toString()));
      });
    });
  }

  static Future<Long> openTasks(SqlClient tx, UUID jobId, String challengeId) {
    return tx.preparedQuery(OPEN_TASKS_OF_CHALLENGE).execute(Tuple.of(jobId, challengeId)).map(r -> r.iterator().next().getLong("n"));
  }
}
