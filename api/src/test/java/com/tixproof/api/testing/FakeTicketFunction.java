package com.tixproof.api.testing;

import com.tixproof.api.ticket.TicketFunction;
import com.tixproof.api.ticket.TicketLink;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process ticket function for API tests: keeps every input it was given, writes a small
 * stand-in PDF into the file store folder and links it under {@code baseUrl}. It can be made to
 * fail the next N calls, or to stay down (storage unavailable) until brought back.
 */
public final class FakeTicketFunction implements TicketFunction {
  private final Path dir;
  private final String baseUrl;
  public final List<JsonObject> inputs = new CopyOnWriteArrayList<>();
  public final List<TicketLink> links = new CopyOnWriteArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private volatile boolean down;

  /** {@code dir}: where files go ({@code $DATA_DIR/tickets}); {@code baseUrl}: {@code $PUBLIC_BASE_URL/files}. */
  public FakeTicketFunction(Path dir, String baseUrl) {
    this.dir = dir;
    this.baseUrl = baseUrl;
  }

  public FakeTicketFunction failNext(int calls) {
    failNext.set(calls);
    return this;
  }

  public void down(boolean down) {
    this.down = down;
  }

  public int calls() {
    return inputs.size();
  }

  @Override
  public Future<TicketLink> render(JsonObject input) {
    inputs.add(input.copy());
    if (down) {
      return Future.failedFuture(new IOException("ticket store unavailable (test)"));
    }
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Future.failedFuture(new IllegalStateException("function failed (test)"));
    }
    try {
      Files.createDirectories(dir);
      String name = UUID.randomUUID().toString().replace("-", "") + ".pdf";
      Files.writeString(dir.resolve(name), "%PDF-1.4\n% stand-in ticket " + input.getString("ticketCode") + "\n", StandardCharsets.UTF_8);
      TicketLink link = new TicketLink("local", "tickets/" + name, baseUrl + "/tickets/" + name);
      links.add(link);
      return Future.succeededFuture(link);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
  }
}
