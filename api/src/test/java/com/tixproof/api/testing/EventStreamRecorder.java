package com.tixproof.api.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Follows a purchase's server-sent event stream and keeps every {@code data:} frame as JSON. */
public final class EventStreamRecorder implements AutoCloseable {
  public final List<JsonObject> events = new CopyOnWriteArrayList<>();
  /** The stream's {@code Content-Type}, once it answered. */
  public volatile String contentType;
  private final HttpClient client;
  private final StringBuilder pending = new StringBuilder();

  public EventStreamRecorder(Vertx vertx, int port, String purchaseId, String token) {
    client = vertx.createHttpClient();
    client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
            .setURI("/api/purchases/" + purchaseId + "/events?access_token=" + token))
        .compose(req -> req.send())
        .onSuccess(res -> {
          contentType = res.getHeader("Content-Type");
          res.handler(chunk -> {
            synchronized (pending) {
              pending.append(chunk.toString());
              int end;
              while ((end = pending.indexOf("\n\n")) >= 0) {
                String frame = pending.substring(0, end);
                pending.delete(0, end + 2);
                for (String line : frame.split("\n")) {
                  if (line.startsWith("data: ")) {
                    events.add(new JsonObject(line.substring(6)));
                  }
                }
              }
            }
          });
        });
  }

  /** The status of the latest event, or null before the first. */
  public String lastStatus() {
    return events.isEmpty() ? null : events.get(events.size() - 1).getString("status");
  }

  @Override
  public void close() {
    client.close();
  }
}
