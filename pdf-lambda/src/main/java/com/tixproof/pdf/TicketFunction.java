package com.tixproof.pdf;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticket function: validate the input, render the PDF, store it under a new unguessable key,
 * answer {@code {bucket, key, url}}. Any failure is thrown; the caller retries (a retry renders
 * again under a new key, so nothing half-written is ever linked). Thread-safe.
 */
public final class TicketFunction {
  private static final Logger log = LoggerFactory.getLogger(TicketFunction.class);

  private final TicketRenderer renderer;
  private final TicketStore store;
  private final TicketKeys keys;

  public TicketFunction(TicketRenderer renderer, TicketStore store, TicketKeys keys) {
    this.renderer = renderer;
    this.store = store;
    this.keys = keys;
  }

  /** Configured from the function's environment (see the module's README); builds the S3 client once. */
  public static TicketFunction fromEnv(Map<String, String> env) {
    TicketConfig config = TicketConfig.fromEnv(env);
    TicketStore store = switch (config.store()) {
      case TicketConfig.FILE -> new FileTicketStore(config.dir().orElseThrow(), config.publicBaseUrl());
      default -> new S3TicketStore(S3Clients.build(config), config.bucket().orElseThrow(), config.publicBaseUrl());
    };
    log.info("ticket function ready: {}", config);
    return new TicketFunction(new TicketRenderer(), store, new TicketKeys(config.prefix()));
  }

  /**
   * @return {@code {"bucket", "key", "url"}}
   * @throws InvalidTicketRequestException when the input breaks the contract
   */
  public Map<String, Object> handle(Map<String, Object> input) {
    TicketRequest ticket = TicketRequest.parse(input);
    byte[] pdf = renderer.render(ticket);
    StoredTicket stored = store.put(keys.next(), pdf);
    log.info("ticket {} of purchase {} stored: {} bytes at {}/{}",
        ticket.ticketCode(), ticket.purchaseId(), pdf.length, stored.bucket(), stored.key());
    return stored.toMap();
  }
}
