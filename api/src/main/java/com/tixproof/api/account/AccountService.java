package com.tixproof.api.account;

import com.tixproof.api.db.Ids;
import com.tixproof.api.http.ApiException;
import com.tixproof.api.http.Auth;
import com.tixproof.api.http.ErrorCode;
import com.tixproof.api.http.Principal;
import com.tixproof.api.http.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registration, login (rate-limited per e-mail and per client address) and the admin bootstrap. */
public final class AccountService {
  private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
  /** Deliberately loose: one @, something on each side, a dot in the domain, no spaces. */
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

  /** What register and login answer. */
  public record Session(User user, String token) {}

  private final Vertx vertx;
  private final AccountRepository accounts;
  private final PasswordHasher hasher;
  private final Auth auth;
  private final String currency;
  private final RateLimiter perEmail;
  private final RateLimiter perAddress;

  public AccountService(Vertx vertx, AccountRepository accounts, PasswordHasher hasher, Auth auth, String currency,
      RateLimiter perEmail, RateLimiter perAddress) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.hasher = hasher;
    this.auth = auth;
    this.currency = currency;
    this.perEmail = perEmail;
    this.perAddress = perAddress;
  }

  public static String normalizeEmail(String raw) {
    String email = raw.strip().toLowerCase(Locale.ROOT);
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      throw ApiException.invalid("email must be an e-mail address");
    }
    return email;
  }

  public static void checkPassword(String password) {
    if (password.length() < 8) {
      throw ApiException.invalid("password must be at least 8 characters");
    }
    if (password.length() > 256) {
      throw ApiException.invalid("password must be at most 256 characters");
    }
  }

  public Future<Session> register(String email, String name, String password) {
    User user = new User(Ids.newId(), email, name, Principal.CUSTOMER);
    return vertx.executeBlocking(() -> hasher.hash(password), false)
        .compose(hash -> accounts.insert(user, hash, currency))
        .map(created -> {
          User u = created.orElseThrow(() -> new ApiException(ErrorCode.EMAIL_TAKEN, "an account with this e-mail exists"));
          LOG.info("user {} registered", u.id());
          return new Session(u, auth.issue(u.id(), u.role()));
        });
  }

  public Future<Session> login(String email, String password, String clientAddress) {
    if (!perAddress.tryAcquire(clientAddress)) {
      return Future.failedFuture(rateLimited(perAddress.secondsUntilNext(clientAddress)));
    }
    if (!perEmail.tryAcquire(email)) {
      return Future.failedFuture(rateLimited(perEmail.secondsUntilNext(email)));
    }
    return accounts.findByEmail(email)
        .compose(found -> vertx.executeBlocking(() -> {
          if (found.isEmpty()) {
            hasher.verifyDecoy(password);
            return Optional.<User>empty();
          }
          return hasher.verify(password, found.get().passwordHash()) ? Optional.of(found.get().user()) : Optional.<User>empty();
        }, false))
        .map(user -> {
          User u = user.orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "wrong e-mail or password"));
          return new Session(u, auth.issue(u.id(), u.role()));
        });
  }

  public Future<User> me(UUID userId) {
    return accounts.findById(userId)
        .map(found -> found.map(AccountRepository.Credentials::user).orElseThrow(() -> ApiException.notFound("user")));
  }

  /**
   * Makes sure the operator's admin account exists with the given password and the admin role.
   * Safe at every start and from several processes at once.
   */
  public Future<User> ensureAdmin(String rawEmail, String name, String password) {
    String email = normalizeEmail(rawEmail);
    checkPassword(password);
    return accounts.findByEmail(email).compose(found -> {
      if (found.isEmpty()) {
        return vertx.executeBlocking(() -> hasher.hash(password), false)
            .compose(hash -> accounts.insert(new User(Ids.newId(), email, name, Principal.ADMIN), hash, currency))
            .compose(created -> created.isPresent()
                ? Future.succeededFuture(created.get())
                : ensureAdmin(rawEmail, name, password)) // another process created it first
            .onSuccess(u -> LOG.info("admin {} created", u.id()));
      }
      AccountRepository.Credentials c = found.get();
      return vertx.executeBlocking(() -> hasher.verify(password, c.passwordHash()) && !hasher.needsRehash(c.passwordHash()), false)
          .compose(current -> {
            if (current && Principal.ADMIN.equals(c.user().role())) {
              return Future.succeededFuture(c.user());
            }
            return vertx.executeBlocking(() -> current ? c.passwordHash() : hasher.hash(password), false)
                .compose(hash -> accounts.updateRoleAndHash(c.user().id(), Principal.ADMIN, hash))
                .map(done -> new User(c.user().id(), c.user().email(), c.user().name(), Principal.ADMIN))
                .onSuccess(u -> LOG.info("admin {} updated from ADMIN_EMAIL/ADMIN_PASSWORD", u.id()));
          });
    });
  }

  private static ApiException rateLimited(long retryAfterSeconds) {
    return ApiException.rateLimited("too many login attempts; try again in " + Math.max(1, retryAfterSeconds) + " s", retryAfterSeconds);
  }
}
