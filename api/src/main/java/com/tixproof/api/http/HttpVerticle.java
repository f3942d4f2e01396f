package com.tixproof.api.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: request log, a 64 KiB body limit, every feature's routes, one failure handler.
 * Deployed as several instances sharing the port; each builds its own router over the shared
 * services.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  public static final long BODY_LIMIT = 64 * 1024;

  private final String host;
  private final int port;
  private final List<Consumer<Router>> mounts;

  public HttpVerticle(String host, int port, List<Consumer<Router>> mounts) {
    this.host = host;
    this.port = port;
    this.mounts = mounts;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog());
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    mounts.forEach(m -> m.accept(router));
    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    router.errorHandler(404, ctx -> FailureHandler.write(ctx, ErrorCode.NOT_FOUND, "no such resource"));
    router.errorHandler(405, ctx -> FailureHandler.write(ctx, ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this resource"));
    router.errorHandler(413, ctx -> FailureHandler.write(ctx, ErrorCode.PAYLOAD_TOO_LARGE, "request body is larger than 64 KiB"));
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setCompressionSupported(true))
        .requestHandler(router)
        .listen()
        .onSuccess(s -> LOG.debug("HTTP verticle listening on {}:{}", host, s.actualPort()));
  }
}
