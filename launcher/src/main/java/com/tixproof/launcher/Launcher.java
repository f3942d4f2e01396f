package com.tixproof.launcher;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar tixproof.jar}: the whole system for a newcomer (see {@link OneProcess}). */
public final class Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

  private Launcher() {}

  public static void main(String[] args) throws IOException {
    OneProcess system;
    try {
      system = OneProcess.start(System.getenv());
    } catch (RuntimeException e) {
      LOG.error("start-up failed", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(system::close, "launcher-shutdown"));
    LOG.info("Tixproof is up: http://localhost:{}/ (job master on {}, {} in-process workers, data in {})",
        system.apiConfig().port(), system.masterPort(), system.workers().size(), system.apiConfig().dataDir());
  }
}
