package com.tixproof.api.ticket;

/** The ticket function answered, but with an error instead of a ticket. */
public final class TicketRenderException extends RuntimeException {
  public TicketRenderException(String message) {
    super(message);
  }
}
