package com.tixproof.api.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /health}, {@code /metrics} and {@code /openapi.yaml}. */
public final class OpsRoutes {
  private final Pool pool;
  private final PrometheusMeterRegistry registry;
  private final Buffer openApi;

  public OpsRoutes(Pool pool, PrometheusMeterRegistry registry) {
    this.pool = pool;
    this.registry = registry;
    this.openApi = Buffer.buffer(resource("openapi.yaml"));
  }

  public void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .end(openApi));
  }

  private void health(RoutingContext ctx) {
    long start = System.nanoTime();
    pool.query("SELECT 1").execute()
        .onSuccess(rows -> ctx.json(new JsonObject().put("status", "UP")
            .put("database", new JsonObject().put("status", "UP").put("latencyMs", (System.nanoTime() - start) / 1_000_000.0))))
        .onFailure(err -> ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("error", "unavailable").put("message", "database does not answer: " + err.getMessage())
                .put("status", "DOWN").encode()));
  }

  private static byte[] resource(String name) {
    try (InputStream in = OpsRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
