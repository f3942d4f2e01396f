package com.tixproof.launcher;

import com.tixproof.api.ticket.TicketFunction;
import com.tixproof.api.ticket.TicketLink;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The one-process launcher's ticket function: the {@code pdf-lambda} module's
 * {@link com.tixproof.pdf.TicketFunction} called directly, with the same JSON in and out as the
 * Lambda, on a worker thread (rendering and writing the file block).
 */
final class InProcessTicketFunction implements TicketFunction {
  private final com.tixproof.pdf.TicketFunction pdf;

  InProcessTicketFunction(com.tixproof.pdf.TicketFunction pdf) {
    this.pdf = pdf;
  }

  @Override
  public Future<TicketLink> render(JsonObject input) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return Future.failedFuture(new IllegalStateException("render is called from the API's outbox relay, on a Vert.x context"));
    }
    Map<String, Object> event = input.getMap();
    return context.executeBlocking(() -> TicketLink.fromJson(new JsonObject(pdf.handle(event))), false);
  }
}
