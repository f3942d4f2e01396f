package com.tixproof.api.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Ticket delivery settings (see the README's table): the Ed25519 signing key, how the PDF function
 * is reached, the organizer printed on tickets, and when a failing render becomes visible.
 */
public record TicketConfig(
    String signingKey,
    Delivery delivery,
    String functionName,
    Optional<URI> lambdaEndpoint,
    String awsRegion,
    String organizer,
    int maxRenderAttempts,
    Path filesDir) {

  /** {@code lambda}: AWS Lambda through the SDK; {@code off}: PAID purchases wait in the outbox (the launcher passes an in-process function instead). */
  public enum Delivery { LAMBDA, OFF }

  static TicketConfig fromEnv(AppConfig.Env e, Secrets secrets, Path dataDir) {
    String delivery = e.get("TICKET_DELIVERY", "lambda").trim().toUpperCase();
    Delivery mode;
    try {
      mode = Delivery.valueOf(delivery);
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException("TICKET_DELIVERY must be lambda or off, got " + delivery.toLowerCase(), bad);
    }
    String signingKey = e.secret("TICKET_SIGNING_KEY", secrets, "ticket-signing.key");
    if (seedLength(signingKey) != 32) {
      throw new IllegalArgumentException("TICKET_SIGNING_KEY must be the base64url text of a 32-byte Ed25519 seed");
    }
    return new TicketConfig(
        signingKey,
        mode,
        e.get("TICKET_FUNCTION_NAME", "tixproof-ticket-pdf"),
        Optional.ofNullable(e.get("LAMBDA_ENDPOINT", null)).map(URI::create),
        e.get("AWS_REGION", "us-east-1"),
        e.get("TICKET_ORGANIZER", "Tixproof"),
        e.integer("TICKET_MAX_ATTEMPTS", 10, 1, 1000),
        dataDir.resolve("tickets"));
  }

  private static int seedLength(String base64) {
    try {
      return java.util.Base64.getUrlDecoder().decode(base64.trim().replace('+', '-').replace('/', '_').replace("=", "")).length;
    } catch (IllegalArgumentException notBase64) {
      return -1;
    }
  }
}
