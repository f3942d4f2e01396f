package com.tixproof.workers.worker;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Drives the JDK's {@code sun.security.provider.SHA2} directly: its {@code implCompress} is what
 * HotSpot replaces with the CPU's SHA instructions. We set its {@code state} array to the midstate
 * and call one compression per candidate: no allocation, no padding logic, no copy of the prefix.
 * Needs {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED} (set in the worker jar's
 * manifest and in the test JVM); without it {@link Sha256Compressor#best()} falls back to Java.
 */
final class JdkSha256Compressor implements Sha256Compressor {
  private static final MethodHandle COMPRESS;
  private static final Field STATE;
  private static final Constructor<?> NEW_SHA256;
  private static final ReflectiveOperationException UNAVAILABLE;

  static {
    MethodHandle compress = null;
    Field state = null;
    Constructor<?> ctor = null;
    ReflectiveOperationException failure = null;
    try {
      Class<?> sha2 = Class.forName("sun.security.provider.SHA2");
      Class<?> sha256 = Class.forName("sun.security.provider.SHA2$SHA256");
      Method m = sha2.getDeclaredMethod("implCompress", byte[].class, int.class);
      m.setAccessible(true);
      compress = MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class));
      state = sha2.getDeclaredField("state");
      state.setAccessible(true);
      ctor = sha256.getDeclaredConstructor();
      ctor.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      failure = e instanceof ReflectiveOperationException r ? r : new ReflectiveOperationException(e);
    }
    COMPRESS = compress;
    STATE = state;
    NEW_SHA256 = ctor;
    UNAVAILABLE = failure;
  }

  private final Object sha;
  private final int[] state;

  JdkSha256Compressor() throws ReflectiveOperationException {
    if (UNAVAILABLE != null) {
      throw UNAVAILABLE;
    }
    this.sha = NEW_SHA256.newInstance();
    this.state = (int[]) STATE.get(sha);
  }

  @Override
  public void setState(int[] s) {
    System.arraycopy(s, 0, state, 0, 8);
  }

  @Override
  public void compress(byte[] block, int off) {
    try {
      COMPRESS.invokeExact(sha, block, off);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  @Override
  public int[] state() {
    return state;
  }
}
