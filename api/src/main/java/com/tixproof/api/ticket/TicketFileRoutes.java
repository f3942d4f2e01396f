package com.tixproof.api.ticket;

import com.tixproof.api.http.ApiException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code GET /files/tickets/{name}.pdf}: the ticket links of the file store (one-process
 * launcher), served from {@code $DATA_DIR/tickets}. Only plain names ({@code [A-Za-z0-9_-]+.pdf})
 * of regular files in that folder: no paths, no links out of it, nothing else.
 */
public final class TicketFileRoutes {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,200}\\.pdf");
  private final Path dir;

  public TicketFileRoutes(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public void mount(Router router) {
    router.get("/files/tickets/:name").handler(this::serve);
  }

  private void serve(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiException.notFound("ticket file");
    }
    Path file = dir.resolve(name);
    ctx.vertx().fileSystem().lprops(file.toString()).onComplete(ar -> {
      if (ar.failed() || !ar.result().isRegularFile()) {
        ctx.fail(ApiException.notFound("ticket file"));
        return;
      }
      ctx.response()
          .putHeader("Content-Type", "application/pdf")
          .putHeader("Content-Disposition", "inline; filename=\"ticket.pdf\"")
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Cache-Control", "private, max-age=3600")
          .sendFile(file.toString())
          .onFailure(ctx::fail);
    });
  }
}
