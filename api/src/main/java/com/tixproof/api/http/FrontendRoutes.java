package com.tixproof.api.http;

import io.vertx.core.file.FileProps;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.List;

/**
 * Serves the built single-page front end ({@code FRONTEND_DIR}) for every GET that no API route
 * took. A path that is not a file gets {@code index.html} (the app's router takes it from there),
 * except under the API's own prefixes and for missing assets, which stay 404. Vite's hashed files
 * under {@code /assets/} never change, so browsers keep them a year; everything else is
 * revalidated, so a new build shows at the next load.
 */
public final class FrontendRoutes {
  private static final List<String> NOT_OURS = List.of("/api/", "/files/", "/health", "/metrics", "/openapi.yaml");
  static final String HASHED = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";

  private final Path root;

  public FrontendRoutes(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Mount last: it answers only what the API's routes left. */
  public void mount(Router router) {
    router.get().handler(this::serve);
  }

  private void serve(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.equals("/api") || NOT_OURS.stream().anyMatch(path::startsWith)) {
      ctx.next();
      return;
    }
    Path file = root.resolve(path.substring(1)).normalize();
    if (!file.startsWith(root)) {
      ctx.next();
      return;
    }
    ctx.vertx().fileSystem().props(file.toString())
        .map(FileProps::isRegularFile)
        .otherwise(false)
        .onSuccess(isFile -> {
          if (isFile) {
            send(ctx, file, path.startsWith("/assets/") ? HASHED : REVALIDATE);
          } else if (path.startsWith("/assets/") || lastSegment(path).contains(".")) {
            ctx.next(); // a missing file, not a page of the app
          } else {
            send(ctx, root.resolve("index.html"), REVALIDATE);
          }
        });
  }

  private static void send(RoutingContext ctx, Path file, String cacheControl) {
    String type = MimeMapping.mimeTypeForFilename(file.getFileName().toString());
    if (type == null) {
      type = "application/octet-stream";
    } else if (type.startsWith("text/") || type.equals("application/javascript")) {
      type += "; charset=utf-8";
    }
    ctx.response().putHeader("Content-Type", type).putHeader("Cache-Control", cacheControl);
    ctx.response().sendFile(file.toString()).onFailure(ctx::fail);
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
