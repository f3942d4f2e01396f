package com.tixproof.api.testing;

import java.util.function.BooleanSupplier;

/** Polls a condition that other processes make true (a sweeper, the worker pool); fails after a bound. */
public final class Eventually {
  private Eventually() {}

  public static void waitUntil(String what, BooleanSupplier done, long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not reached in " + timeoutMillis + " ms: " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
