package com.tixproof.api.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * "Sends" by writing {@code <kind>.<purchaseId>.eml} under {@code $DATA_DIR/outbox}: the one-process
 * launcher's mail, readable by any mail program. Written to a temporary file and moved into place,
 * so a reader never sees half a message and a resend replaces the file instead of adding one.
 */
public final class FileMailSender implements MailSender {
  private final Vertx vertx;
  private final Path dir;

  public FileMailSender(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  @Override
  public Future<Void> send(Mail mail) {
    return vertx.executeBlocking(() -> {
      write(mail);
      return null;
    }, false);
  }

  private void write(Mail mail) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(mail.fileStem() + ".eml");
    Path tmp = Files.createTempFile(dir, mail.fileStem(), ".tmp");
    try {
      Files.writeString(tmp, mail.encode(), StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
