package com.tixproof.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes tickets into a folder that something else serves (the one-process launcher's API serves
 * {@code $DATA_DIR/tickets} under {@code /files/tickets/}). The file is the key's last segment.
 * A ticket appears whole or not at all: written to a temporary file in the same folder, then moved.
 */
public final class FileTicketStore implements TicketStore {
  static final String BUCKET = "local";

  private final Path dir;
  private final String publicBaseUrl;

  public FileTicketStore(Path dir, String publicBaseUrl) {
    this.dir = dir;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public StoredTicket put(String key, byte[] pdf) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    if (name.isEmpty() || name.startsWith(".")) {
      throw new IllegalArgumentException("ticket key " + key + " has no file name");
    }
    Path target = dir.resolve(name);
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, ".ticket-", ".tmp");
      Files.write(temp, pdf);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("ticket " + key + " could not be written to " + dir, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the write already failed; that error is the one to report
        }
      }
    }
    return new StoredTicket(BUCKET, key, TicketStore.link(publicBaseUrl, key));
  }
}
