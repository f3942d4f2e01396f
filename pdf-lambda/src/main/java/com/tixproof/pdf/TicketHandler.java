package com.tixproof.pdf;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda entry point ({@code com.tixproof.pdf.TicketHandler::handleRequest}). Lambda creates one
 * per container, so the function (and its S3 client) is built once and reused by every invocation.
 * A failure is thrown, which Lambda reports as a function error.
 */
public final class TicketHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final Logger log = LoggerFactory.getLogger(TicketHandler.class);

  private final TicketFunction function;

  /** What Lambda calls: configured from the process environment. */
  public TicketHandler() {
    this(TicketFunction.fromEnv(System.getenv()));
  }

  public TicketHandler(TicketFunction function) {
    this.function = function;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    String requestId = context == null ? "-" : context.getAwsRequestId();
    try {
      return function.handle(input);
    } catch (RuntimeException e) {
      Object purchase = input == null ? null : input.get("purchaseId");
      log.warn("invocation {} for purchase {} failed: {}", requestId, purchase, e.toString());
      throw e;
    }
  }
}
