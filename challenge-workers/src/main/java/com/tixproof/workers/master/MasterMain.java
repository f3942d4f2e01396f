package com.tixproof.workers.master;

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

/** {@code java -jar master.jar}: the job master as its own process. */
public final class MasterMain {
  private static final Logger LOG = LoggerFactory.getLogger(MasterMain.class);

  private MasterMain() {}

  public static void main(String[] args) {
    MasterConfig config = MasterConfig.fromEnv(System.getenv());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = newVertx(registry);
    Future<String> deployed = deploy(vertx, config, registry);
    deployed.onFailure(err -> {
      LOG.error("master failed to start", err);
      System.exit(1);
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Future<Void> closed = vertx.close();
      com.tixproof.protocol.Waits.until(closed::isComplete, 15_000);
    }, "master-shutdown"));
  }

  /** A Vert.x whose HTTP metrics go to {@code registry}. */
  public static Vertx newVertx(PrometheusMeterRegistry registry) {
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .addLabels(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** Deploys the master on an existing Vert.x (the one-process launcher does this). */
  public static Future<String> deploy(Vertx vertx, MasterConfig config, PrometheusMeterRegistry registry) {
    return vertx.deployVerticle(new MasterVerticle(config, registry));
  }
}
