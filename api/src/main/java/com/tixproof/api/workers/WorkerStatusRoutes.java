package com.tixproof.api.workers;

import io.vertx.ext.web.Router;

/** {@code GET /api/workers/status}: the availability light. */
public final class WorkerStatusRoutes {
  private final WorkerStatusService status;

  public WorkerStatusRoutes(WorkerStatusService status) {
    this.status = status;
  }

  public void mount(Router router) {
    router.get("/api/workers/status").handler(ctx -> ctx.json(status.status()));
  }
}
