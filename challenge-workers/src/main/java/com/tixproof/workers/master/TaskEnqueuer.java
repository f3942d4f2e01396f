package com.tixproof.workers.master;

import com.tixproof.protocol.TaskMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves NEW tasks onto the Redis stream and marks them QUEUED. Run after every accepted job and on
 * a timer, so tasks recorded while Redis was down are queued once it is back. One drain at a time;
 * a kick during a drain makes it go round once more.
 */
final class TaskEnqueuer {
  private static final Logger LOG = LoggerFactory.getLogger(TaskEnqueuer.class);
  private static final int BATCH = 500;

  private final Vertx vertx;
  private final JobRepository jobs;
  private final RedisGateway redis;
  private boolean running;
  private boolean again;
  private boolean redisDownLogged;

  TaskEnqueuer(Vertx vertx, JobRepository jobs, RedisGateway redis) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.redis = redis;
  }

  /** Call on the master's event loop. */
  void kick() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    drain().onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        if (!redisDownLogged) {
          LOG.warn("cannot queue tasks yet ({}); will retry", ar.cause().toString());
          redisDownLogged = true;
        }
      } else {
        redisDownLogged = false;
      }
      if (again && ar.succeeded()) {
        kick();
      }
    });
  }

  private Future<Void> drain() {
    return jobs.newTasks(BATCH).compose(tasks -> {
      if (tasks.isEmpty()) {
        return Future.succeededFuture();
      }
      List<TaskMessage> messages = new ArrayList<>(tasks.size());
      tasks.forEach(t -> messages.add(new TaskMessage(t.id(), t.jobId().toString(), t.challengeId(), t.challengeHash(), t.from(), t.to())));
      return vertx.executeBlocking(() -> redis.enqueue(messages), false)
          .compose(ids -> {
            List<Tuple> marks = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
              marks.add(Tuple.of(tasks.get(i).id(), ids.get(i)));
            }
            return jobs.markQueued(marks);
          })
          .compose(v -> tasks.size() == BATCH ? drain() : Future.succeededFuture());
    });
  }
}
