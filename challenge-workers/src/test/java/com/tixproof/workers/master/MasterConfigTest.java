package com.tixproof.workers.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterConfigTest {
  @TempDir
  Path dir;

  @Test
  void callbackSecretComesFromTheEnvironmentFirst() throws IOException {
    Path file = Files.writeString(dir.resolve("callback.key"), "from-file\n");
    assertEquals("from-env", MasterConfig.callbackSecret(Map.of("CALLBACK_SECRET", "from-env", "CALLBACK_SECRET_FILE", file.toString())));
  }

  @Test
  void callbackSecretFileIsReadAndTrimmedWhenTheVariableIsEmpty() throws IOException {
    Path file = Files.writeString(dir.resolve("callback.key"), "generated-by-the-api\n");
    assertEquals("generated-by-the-api", MasterConfig.callbackSecret(Map.of("CALLBACK_SECRET", "", "CALLBACK_SECRET_FILE", file.toString())));
  }

  @Test
  void aMissingOrEmptySecretIsRefusedWithTheVariableNames() throws IOException {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> MasterConfig.callbackSecret(Map.of()));
    assertTrue(none.getMessage().contains("CALLBACK_SECRET_FILE"), none.getMessage());
    Path empty = Files.writeString(dir.resolve("empty.key"), "  \n");
    assertThrows(IllegalArgumentException.class, () -> MasterConfig.callbackSecret(Map.of("CALLBACK_SECRET_FILE", empty.toString())));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> MasterConfig.callbackSecret(Map.of("CALLBACK_SECRET_FILE", dir.resolve("absent.key").toString())));
    assertTrue(missing.getMessage().contains("absent.key"), missing.getMessage());
  }
}
