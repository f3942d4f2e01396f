package com.tixproof.workers.master;

import com.tixproof.protocol.Challenges;
import com.tixproof.protocol.ResultMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs in, results in: records a job and splits each challenge's secret space [1, S] into range
 * tasks; applies a worker's result (verifying a found secret by recomputing its hash) with guarded
 * updates, so a repeated or late result changes nothing.
 */
final class JobService {
  private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

  /** A validated job. */
  record Job(UUID jobId, UUID purchaseId, long secretMax, List<String[]> challenges) {}

  /** What applying a result led to. */
  record Applied(boolean newlySolved, String jobId, String challengeId, boolean jobFinished) {
    static final Applied NOTHING = new Applied(false, null, null, false);
  }

  private final JobRepository jobs;
  private final long taskSize;
  private final Counter jobsAccepted;
  private final Counter jobsRepeated;
  private final Counter solvedCounter;
  private final Counter forgedResults;

  JobService(JobRepository jobs, long taskSize, MeterRegistry metrics) {
    this.jobs = jobs;
    this.taskSize = taskSize;
    this.jobsAccepted = Counter.builder("tixproof_master_jobs_accepted").register(metrics);
    this.jobsRepeated = Counter.builder("tixproof_master_jobs_repeated").description("POST /jobs for a job already known").register(metrics);
    this.solvedCounter = Counter.builder("tixproof_master_challenges_solved").register(metrics);
    this.forgedResults = Counter.builder("tixproof_master_results_rejected").description("FOUND results whose secret did not verify").register(metrics);
  }

  static Job parse(JsonObject body) {
    try {
      UUID jobId = UUID.fromString(body.getString("jobId"));
      UUID purchaseId = UUID.fromString(body.getString("purchaseId"));
      long secretMax = body.getLong("secretMax");
      JsonArray list = body.getJsonArray("challenges");
      if (secretMax < 1 || list == null || list.isEmpty() || list.size() > 64) {
        throw new IllegalArgumentException("secretMax and 1..64 challenges are required");
      }
      List<String[]> challenges = new ArrayList<>();
      for (Object o : list) {
        JsonObject c = (JsonObject) o;
        String id = c.getString("challengeId");
        String hash = c.getString("challengeHash");
        if (id == null || id.isEmpty() || id.length() > 200 || hash == null || !hash.matches("[0-9a-f]{64}")) {
          throw new IllegalArgumentException("each challenge needs challengeId and a 64-hex challengeHash");
        }
        challenges.add(new String[] {id, hash});
      }
      return new Job(jobId, purchaseId, secretMax, challenges);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage() == null ? "malformed job" : e.getMessage(), e);
    }
  }

  /** Records the job and its tasks; true if new, false if it was already known (a resend). */
  Future<Boolean> accept(Job job) {
    Pool pool = jobs.pool();
    return pool.withTransaction(tx -> tx.preparedQuery(JobRepository.INSERT_JOB)
        .execute(Tuple.of(job.jobId(), job.purchaseId(), job.secretMax()))
        .compose(inserted -> {
          if (inserted.rowCount() == 0) {
            return Future.succeededFuture(false);
          }
          List<Tuple> challenges = new ArrayList<>();
          List<Tuple> tasks = new ArrayList<>();
          for (int i = 0; i < job.challenges().size(); i++) {
            String[] c = job.challenges().get(i);
            challenges.add(Tuple.of(job.jobId(), c[0], i, c[1]));
          }
          // interleave the challenges' ranges so every challenge progresses from the start
          long ranges = (job.secretMax() + taskSize - 1) / taskSize;
          for (long r = 0; r < ranges; r++) {
            long from = r * taskSize + 1;
            long to = Math.min(job.secretMax(), from + taskSize - 1);
            for (String[] c : job.challenges()) {
              tasks.add(Tuple.of(job.jobId(), c[0], from, to));
            }
          }
          return tx.preparedQuery(JobRepository.INSERT_CHALLENGE).executeBatch(challenges)
              .compose(v -> tx.preparedQuery(JobRepository.INSERT_TASK).executeBatch(tasks))
              .map(v -> true);
        }))
        .onSuccess(isNew -> {
          if (isNew) {
            jobsAccepted.increment();
            LOG.info("job {} accepted for purchase {}: {} challenges, secrets 1..{}", job.jobId(), job.purchaseId(),
                job.challenges().size(), job.secretMax());
          } else {
            jobsRepeated.increment();
          }
        });
  }

  /**
   * Applies a batch of worker results in one transaction: every task is closed with one batched
   * guarded update, found secrets are verified and recorded, and a challenge whose ranges all came
   * back empty fails its job. Returns the newly solved challenges.
   */
  Future<List<Applied>> apply(List<ResultMessage> results) {
    List<ResultMessage> valid = new ArrayList<>(results.size());
    for (ResultMessage r : results) {
      try {
        UUID.fromString(r.jobId());
        valid.add(r);
      } catch (IllegalArgumentException notOurs) {
        LOG.warn("result for task {} has a malformed job id; dropped", r.taskId());
      }
    }
    if (valid.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Tuple> closes = new ArrayList<>(valid.size());
    for (ResultMessage r : valid) {
      String state = r.outcome() == ResultMessage.Outcome.CANCELLED ? "CANCELLED" : "DONE";
      closes.add(Tuple.of(r.taskId(), state, r.workerId(), r.tried(), r.nanos()));
    }
    return jobs.pool().withTransaction(tx -> tx.preparedQuery(JobRepository.FINISH_TASK).executeBatch(closes).compose(v -> {
      Future<List<Applied>> chain = Future.succeededFuture(new ArrayList<>());
      java.util.Set<String> exhausted = new java.util.LinkedHashSet<>();
      for (ResultMessage r : valid) {
        if (r.outcome() == ResultMessage.Outcome.FOUND) {
          chain = chain.compose(list -> solve(tx, UUID.fromString(r.jobId()), r).map(a -> {
            if (a.newlySolved()) {
              list.add(a);
            }
            return list;
          }));
        } else if (r.outcome() == ResultMessage.Outcome.EXHAUSTED) {
          exhausted.add(r.jobId() + " " + r.challengeId());
        }
      }
      for (String ref : exhausted) {
        String[] parts = ref.split(" ", 2);
        chain = chain.compose(list -> failIfExhausted(tx, UUID.fromString(parts[0]), parts[1]).map(a -> list));
      }
      return chain;
    }));
  }

  private Future<Applied> solve(io.vertx.sqlclient.SqlConnection tx, UUID jobId, ResultMessage result) {
    return tx.preparedQuery("SELECT challenge_hash, (SELECT secret_max FROM jobs WHERE id = $1) AS secret_max FROM challenges"
            + " WHERE job_id = $1 AND challenge_id = $2")
        .execute(Tuple.of(jobId, result.challengeId()))
        .compose(rows -> {
          if (!rows.iterator().hasNext()) {
            return Future.succeededFuture(Applied.NOTHING);
          }
          var row = rows.iterator().next();
          if (!Challenges.verify(result.jobId(), result.challengeId(), result.secret(), row.getString("challenge_hash"), row.getLong("secret_max"))) {
            forgedResults.increment();
            LOG.warn("job {}: worker {} reported secret {} for challenge {}, which does not verify; ignored",
                jobId, result.workerId(), result.secret(), result.challengeId());
            return Future.succeededFuture(Applied.NOTHING);
          }
          return tx.preparedQuery(JobRepository.SOLVE_CHALLENGE)
              .execute(Tuple.of(jobId, result.challengeId(), result.secret(), result.workerId()))
              .compose(solved -> {
                if (solved.rowCount() == 0) {
                  return Future.succeededFuture(Applied.NOTHING); // already solved: a repeat
                }
                solvedCounter.increment();
                return tx.preparedQuery(JobRepository.CANCEL_SIBLINGS).execute(Tuple.of(jobId, result.challengeId()))
                    .compose(v -> settleJob(tx, jobId))
                    .map(finished -> {
                      LOG.info("job {}: challenge {} solved by {}", jobId, result.challengeId(), result.workerId());
                      return new Applied(true, result.jobId(), result.challengeId(), finished);
                    });
              });
        });
  }

  /** A challenge whose every range came back empty has no secret in [1, S]: the job fails. */
  private Future<Applied> failIfExhausted(io.vertx.sqlclient.SqlConnection tx, UUID jobId, String challengeId) {
    return JobRepository.openTasks(tx, jobId, challengeId).compose(open -> {
      if (open > 0) {
        return Future.succeededFuture(Applied.NOTHING);
      }
      return tx.preparedQuery(JobRepository.FAIL_CHALLENGE).execute(Tuple.of(jobId, challengeId)).compose(failed -> {
        if (failed.rowCount() == 0) {
          return Future.succeededFuture(Applied.NOTHING);
        }
        LOG.warn("job {}: challenge {} has no secret in range; job failed", jobId, challengeId);
        return settleJob(tx, jobId).map(v -> Applied.NOTHING);
      });
    });
  }

  /** OPEN → SOLVED when every challenge is solved, OPEN → FAILED when one cannot be. */
  private Future<Boolean> settleJob(io.vertx.sqlclient.SqlConnection tx, UUID jobId) {
    return tx.preparedQuery(JobRepository.JOB_PROGRESS).execute(Tuple.of(jobId)).compose(rows -> {
      var r = rows.iterator().next();
      String state = r.getLong("failed") > 0 ? "FAILED" : r.getLong("solved").equals(r.getLong("total")) ? "SOLVED" : null;
      if (state == null) {
        return Future.succeededFuture(false);
      }
      return tx.preparedQuery(JobRepository.SET_JOB_STATE).execute(Tuple.of(jobId, state)).map(u -> {
        if (u.rowCount() == 1) {
          LOG.info("job {} {}", jobId, state.toLowerCase());
        }
        return u.rowCount() == 1;
      });
    });
  }
}
