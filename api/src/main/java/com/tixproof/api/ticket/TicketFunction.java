package com.tixproof.api.ticket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The ticket PDF function as the API calls it: the contract input (one flat JSON object, see
 * {@link TicketInput}) in, where the stored PDF is out. A failed future means "not rendered";
 * delivery retries. Implementations: {@link LambdaTicketFunction} (AWS Lambda through the SDK)
 * and the launcher's in-process call of the {@code pdf-lambda} module.
 */
public interface TicketFunction {
  Future<TicketLink> render(JsonObject input);
}
