package com.tixproof.api.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.config.AppConfig.Argon2Params;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Small Argon2 costs (64 KiB, 1 pass) keep these fast; the format and logic do not depend on them. */
@DisplayName("Argon2id password hashes in PHC format")
class PasswordHasherTest {
  static final Argon2Params SMALL = new Argon2Params(64, 1, 1);
  /** 16-byte salt and 32-byte hash in unpadded standard base64: 22 and 43 characters. */
  static final Pattern PHC = Pattern.compile("^\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$");

  final PasswordHasher hasher = new PasswordHasher(SMALL);

  @Test
  @DisplayName("A hash verifies its own password")
  void verifiesOwnPassword() {
    String hash = hasher.hash("correct horse battery staple");
    assertTrue(hasher.verify("correct horse battery staple", hash));
  }

  @ParameterizedTest(name = "\"{0}\" does not verify")
  @ValueSource(strings = {"correct horse battery stapl", "Correct horse battery staple", "correct horse battery staple ", ""})
  @DisplayName("Any other password fails, including near misses")
  void wrongPasswordFails(String attempt) {
    assertFalse(hasher.verify(attempt, hasher.hash("correct horse battery staple")));
  }

  @Test
  @DisplayName("The hash is a PHC string carrying its parameters: $argon2id$v=19$m=..,t=..,p=..$salt$hash")
  void phcFormat() {
    String hash = hasher.hash("password-123");
    assertTrue(PHC.matcher(hash).matches(), hash);
  }

  @Test
  @DisplayName("Two hashes of one password differ (a fresh salt each time) and both verify")
  void saltedAfresh() {
    String a = hasher.hash("password-123");
    String b = hasher.hash("password-123");
    assertNotEquals(a, b);
    assertTrue(hasher.verify("password-123", a));
    assertTrue(hasher.verify("password-123", b));
  }

  @Test
  @DisplayName("Non-ASCII passwords are hashed as UTF-8 and verify")
  void unicodePassword() {
    String hash = hasher.hash("contraseña-ñandú-密码");
    assertTrue(hasher.verify("contraseña-ñandú-密码", hash));
    assertFalse(hasher.verify("contrasena-nandu-密码", hash));
  }

  @Test
  @DisplayName("needsRehash is false for the current parameters and true once any of them changes")
  void needsRehashWhenParamsChange() {
    String hash = hasher.hash("password-123");
    assertFalse(hasher.needsRehash(hash));
    assertTrue(new PasswordHasher(new Argon2Params(128, 1, 1)).needsRehash(hash), "memory changed");
    assertTrue(new PasswordHasher(new Argon2Params(64, 2, 1)).needsRehash(hash), "passes changed");
    assertTrue(new PasswordHasher(new Argon2Params(64, 1, 2)).needsRehash(hash), "lanes changed");
  }

  @Test
  @DisplayName("A hash made with older parameters still verifies after the defaults change")
  void oldHashesKeepVerifying() {
    String old = hasher.hash("password-123");
    PasswordHasher upgraded = new PasswordHasher(new Argon2Params(128, 2, 1));
    assertTrue(upgraded.verify("password-123", old));
    assertFalse(upgraded.verify("password-124", old));
  }

  @ParameterizedTest(name = "\"{0}\" is not accepted")
  @ValueSource(strings = {"", "plaintext", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA",
      "$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA",
      "$argon2id$v=19$m=64,t=1,x=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA"})
  @DisplayName("Stored values that are not argon2id v19 PHC strings never verify")
  void foreignFormatsFail(String stored) {
    assertFalse(hasher.verify("password-123", stored));
  }
}
