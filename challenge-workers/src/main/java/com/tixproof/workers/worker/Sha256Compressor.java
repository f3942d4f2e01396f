package com.tixproof.workers.worker;

/**
 * The SHA-256 compression function with a state that can be set, so a message prefix's whole
 * 64-byte blocks are hashed once (the midstate) and each candidate costs one compression.
 */
public interface Sha256Compressor {
  int[] IV = {
      0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

  /** Replaces the chaining state with {@code s} (8 ints). */
  void setState(int[] s);

  /** Compresses the 64-byte block at {@code off} into the state. */
  void compress(byte[] block, int off);

  /** The current state (do not keep; it changes with the next call). */
  int[] state();

  /** The JDK's own implementation (SHA-NI intrinsics) when the JVM lets us reach it, else portable Java. */
  static Sha256Compressor best() {
    try {
      return new JdkSha256Compressor();
    } catch (ReflectiveOperationException | RuntimeException unavailable) {
      return new JavaSha256Compressor();
    }
  }

  /** The portable Java implementation (no CPU SHA instructions). */
  static Sha256Compressor portable() {
    return new JavaSha256Compressor();
  }

  /** Whether {@link #best()} gives the JDK's intrinsic-backed compression (needs {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED}). */
  static boolean jdkAvailable() {
    return best() instanceof JdkSha256Compressor;
  }
}
