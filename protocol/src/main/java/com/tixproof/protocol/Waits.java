package com.tixproof.protocol;

import java.util.function.BooleanSupplier;

/**
 * Bounded waits for shutdown paths. Awaiting {@code vertx.close()} from a plain thread can hang:
 * the close completes its future on an event loop that has just terminated, so listeners are never
 * run. Polling the completion flag sidesteps that.
 */
public final class Waits {
  private Waits() {}

  /** Waits until {@code done} or {@code timeoutMillis}; true when done. */
  public static boolean until(BooleanSupplier done, long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
