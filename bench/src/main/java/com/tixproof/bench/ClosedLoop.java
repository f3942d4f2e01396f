package com.tixproof.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One phase of the load: {@code clients} closed-loop clients, each sending its next request as soon
 * as the previous one is answered, for a warm-up and then a measured window. A request counts
 * toward the measurement when its answer arrives inside the window (so throughput is answers per
 * second of window, with no edge bias); its latency (send to last byte, in microseconds) goes into
 * an HdrHistogram. A closed loop cannot hide queueing
 * (coordinated omission) behind a fixed send schedule: every client waits for each answer, so the
 * latency it records is the whole wait.
 */
final class ClosedLoop {
  /** Sends one request for client {@code client}. */
  interface Call {
    Future<HttpResponse<Buffer>> send(int client);
  }

  /** What one phase measured. {@code perClientOk} counts every 2xx, warm-up included. */
  record Result(String name, int clients, Duration window, long ok, Histogram latencyMicros,
      long non2xx, long failures, Map<Integer, Long> statuses, List<String> samples, long[] perClientOk) {

    double throughput() {
      return ok / (window.toNanos() / 1e9);
    }

    double percentileMs(double p) {
      return latencyMicros.getValueAtPercentile(p) / 1000.0;
    }

    double maxMs() {
      return latencyMicros.getMaxValue() / 1000.0;
    }

    double meanMs() {
      return latencyMicros.getMean() / 1000.0;
    }

    long totalOk() {
      long n = 0;
      for (long c : perClientOk) {
        n += c;
      }
      return n;
    }
  }

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);
  private static final int MAX_SAMPLES = 5;

  private ClosedLoop() {}

  /**
   * {@code n} event-loop contexts to spread the clients over. Contexts asked for from the main
   * thread are all the same one (Vert.x sticks it to the thread), so each comes from a verticle.
   */
  static List<Context> eventLoops(Vertx vertx, int n) {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(n)).await();
    return List.copyOf(contexts);
  }

  static Future<Result> run(List<Context> loops, String name, int clients, Duration warmup, Duration window, Call call) {
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long measureUntil = measureFrom + window.toNanos();
    List<Client> all = new ArrayList<>(clients);
    List<Future<Void>> done = new ArrayList<>(clients);
    for (int i = 0; i < clients; i++) {
      // each client lives on one event loop: its counters are only touched from that thread
      Client c = new Client(i, loops.get(i % loops.size()), call, measureFrom, measureUntil);
      all.add(c);
      done.add(c.promise.future());
      c.context.runOnContext(v -> c.next());
    }
    return Future.all(done).map(v -> {
      Histogram merged = new Histogram(HIGHEST_MICROS, 3);
      long ok = 0;
      long non2xx = 0;
      long failures = 0;
      Map<Integer, Long> statuses = new TreeMap<>();
      List<String> samples = new ArrayList<>();
      long[] perClientOk = new long[clients];
      for (Client c : all) {
        merged.add(c.histogram);
        ok += c.okInWindow;
        non2xx += c.non2xx;
        failures += c.failures;
        c.statuses.forEach((k, n) -> statuses.merge(k, n, Long::sum));
        c.samples.stream().limit(Math.max(0, MAX_SAMPLES - samples.size())).forEach(samples::add);
        perClientOk[c.index] = c.okTotal;
      }
      return new Result(name, clients, window, ok, merged, non2xx, failures, statuses, samples, perClientOk);
    });
  }

  private static final class Client {
    final int index;
    final Context context;
    final Call call;
    final long measureFrom;
    final long measureUntil;
    final Promise<Void> promise = Promise.promise();
    final Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
    final Map<Integer, Long> statuses = new TreeMap<>();
    final List<String> samples = new ArrayList<>();
    long okInWindow;
    long okTotal;
    long non2xx;
    long failures;

    Client(int index, Context context, Call call, long measureFrom, long measureUntil) {
      this.index = index;
      this.context = context;
      this.call = call;
      this.measureFrom = measureFrom;
      this.measureUntil = measureUntil;
    }

    void next() {
      long sent = System.nanoTime();
      if (sent >= measureUntil) {
        promise.complete();
        return;
      }
      call.send(index).onComplete(ar -> {
        long answered = System.nanoTime();
        if (ar.succeeded()) {
          int status = ar.result().statusCode();
          if (status >= 200 && status < 300) {
            okTotal++;
            if (answered >= measureFrom && answered < measureUntil) {
              okInWindow++;
              histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (answered - sent) / 1_000)));
            }
          } else {
            non2xx++;
            statuses.merge(status, 1L, Long::sum);
            if (samples.size() < MAX_SAMPLES) {
              samples.add(status + " " + ar.result().bodyAsString());
            }
          }
          next();
        } else {
          failures++;
          if (samples.size() < MAX_SAMPLES) {
            samples.add("no answer: " + ar.cause());
          }
          // hop through the event loop so a client that fails at once cannot recurse deeply
          context.runOnContext(v -> next());
        }
      });
    }
  }
}
