package com.tixproof.api;

import com.tixproof.api.config.AppConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the API alone, against the PostgreSQL of {@code DATABASE_URL}. */
public final class ApiMain {
  private static final Logger LOG = LoggerFactory.getLogger(ApiMain.class);

  private ApiMain() {}

  public static void main(String[] args) {
    AppConfig config = AppConfig.fromEnv(System.getenv());
    Running running = run(config);
    Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "api-shutdown"));
    running.started().onFailure(err -> {
      LOG.error("API failed to start", err);
      System.exit(1);
    });
  }

  /** A Vert.x with Micrometer metrics and the API on it. */
  public record Running(Vertx vertx, PrometheusMeterRegistry registry, Future<Api> started) {
    /** Stops the API and Vert.x; blocks, so call it from a plain thread (a shutdown hook). */
    public void stop() {
      if (started.succeeded()) {
        Future<Void> stopped = started.result().stop();
        com.tixproof.protocol.Waits.until(stopped::isComplete, 15_000);
      }
      Future<Void> closed = vertx.close();
      com.tixproof.protocol.Waits.until(closed::isComplete, 15_000);
    }
  }

  public static Running run(AppConfig config) {
    return run(config, null);
  }

  /** With an in-process ticket function (the launcher's), or null for the one {@code TICKET_DELIVERY} names. */
  public static Running run(AppConfig config, com.tixproof.api.ticket.TicketFunction ticketFunction) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = newVertx(registry);
    Future<Api> started = Api.start(vertx, config, registry, ticketFunction);
    return new Running(vertx, registry, started);
  }

  /** Vert.x with HTTP and pool metrics per route, method and status, in the given registry. */
  public static Vertx newVertx(PrometheusMeterRegistry registry) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .addLabels(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

}
