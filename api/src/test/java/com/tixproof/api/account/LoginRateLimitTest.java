package com.tixproof.api.account;

import static com.tixproof.api.testing.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Audit;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Password guessing is slowed per e-mail: a burst of LOGIN_MAX_PER_MINUTE_PER_EMAIL tries, then 429. */
@DisplayName("Logins are rate-limited per e-mail: the 6th try in a minute is 429, other e-mails are unaffected")
class LoginRateLimitTest {
  static final int MAX_PER_MINUTE = 5;
  static TestApi app;

  Session victim;
  Session bystander;

  @BeforeAll
  static void start() {
    app = TestApi.start(Map.of("LOGIN_MAX_PER_MINUTE_PER_EMAIL", Integer.toString(MAX_PER_MINUTE)));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void register() {
    app.reset();
    victim = app.client.newUser().await();
    bystander = app.client.newUser().await();
  }

  static Future<HttpResponse<Buffer>> login(String email, String password) {
    return app.client.post("/api/auth/login", null, new JsonObject().put("email", email).put("password", password));
  }

  /** Uses up the victim's bucket with wrong passwords: 5 × 401. */
  void exhaust() {
    for (int i = 1; i <= MAX_PER_MINUTE; i++) {
      assertError(login(victim.email(), "wrong-password-" + i).await(), 401, "unauthorized");
    }
  }

  @Test
  @DisplayName("Five wrong passwords are 401 unauthorized; the sixth is 429 rate_limited and changes nothing")
  void sixthWrongLoginIsRateLimited() {
    exhaust();
    String before = Audit.snapshot(app);
    HttpResponse<Buffer> limited = login(victim.email(), "wrong-password-6").await();
    assertError(limited, 429, "rate_limited");
    long retryAfter = Long.parseLong(limited.getHeader("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter + " s is within the one-minute window");
    assertEquals(before, Audit.snapshot(app));
  }

  @Test
  @DisplayName("Once limited, even the right password is 429: the limit is checked before the password")
  void rightPasswordIsLimitedToo() {
    exhaust();
    assertError(login(victim.email(), "password-123").await(), 429, "rate_limited");
  }

  @Test
  @DisplayName("The limit follows the e-mail, not its spelling: the upper-case form is limited too")
  void limitIsPerNormalizedEmail() {
    exhaust();
    assertError(login(victim.email().toUpperCase(Locale.ROOT), "wrong-password-6").await(), 429, "rate_limited");
  }

  @Test
  @DisplayName("Another e-mail still gets 401 for a wrong password (not 429), and 200 for the right one")
  void otherEmailUnaffected() {
    exhaust();
    assertError(login(victim.email(), "wrong-password-6").await(), 429, "rate_limited");
    assertError(login(bystander.email(), "wrong-password").await(), 401, "unauthorized");
    assertEquals(200, login(bystander.email(), "password-123").await().statusCode());
  }
}
