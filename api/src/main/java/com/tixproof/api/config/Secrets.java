package com.tixproof.api.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Local secrets for a machine with no secret given in the environment: 32 random bytes, generated
 * on first start, written once with owner-only permissions, and read back on every later start so
 * tokens and signatures survive a restart. Production passes the secrets in the environment.
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path dir;

  public Secrets(Path dir) {
    this.dir = dir;
  }

  public String loadOrCreate(String fileName) {
    Path file = dir.resolve(fileName);
    try {
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      Files.createDirectories(dir);
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Path tmp = Files.createTempFile(dir, fileName, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on non-POSIX file systems
      }
      Files.writeString(tmp, secret, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      try {
        // two processes starting at once: the first link wins, the second reads it
        Files.move(tmp, file);
      } catch (FileAlreadyExistsException lostRace) {
        Files.deleteIfExists(tmp);
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep secret " + file, e);
    }
  }
}
