package com.tixproof.pdf;

/** The function's input does not follow the contract; retrying the same input cannot succeed. */
public final class InvalidTicketRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidTicketRequestException(String message) {
    super(message);
  }
}
