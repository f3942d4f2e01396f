package com.tixproof.api.account;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** SQL for users and the wallet each user gets at registration. */
public final class AccountRepository {
  private static final String INSERT_USER =
      "INSERT INTO users (id, email, name, password_hash, role) VALUES ($1, $2, $3, $4, $5)";
  private static final String INSERT_WALLET =
      "INSERT INTO wallets (user_id, currency) VALUES ($1, $2)";
  private static final String BY_EMAIL =
      "SELECT id, email, name, role, password_hash FROM users WHERE lower(email) = lower($1)";
  private static final String BY_ID =
      "SELECT id, email, name, role, password_hash FROM users WHERE id = $1";
  private static final String UPDATE_ROLE_AND_HASH =
      "UPDATE users SET role = $2, password_hash = $3 WHERE id = $1";

  /** A user with the hash, for login. */
  public record Credentials(User user, String passwordHash) {}

  private final Pool pool;

  public AccountRepository(Pool pool) {
    this.pool = pool;
  }

  /** Creates user and empty wallet together; empty when the e-mail is taken. */
  public Future<Optional<User>> insert(User user, String passwordHash, String currency) {
    return pool.withTransaction(conn -> conn.preparedQuery(INSERT_USER)
            .execute(Tuple.of(user.id(), user.email(), user.name(), passwordHash, user.role()))
            .compose(done -> conn.preparedQuery(INSERT_WALLET).execute(Tuple.of(user.id(), currency))))
        .map(done -> Optional.of(user))
        .recover(err -> isUniqueViolation(err) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(err));
  }

  public Future<Optional<Credentials>> findByEmail(String email) {
    return pool.preparedQuery(BY_EMAIL).execute(Tuple.of(email)).map(rows -> first(rows.iterator().hasNext() ? rows.iterator().next() : null));
  }

  public Future<Optional<Credentials>> findById(UUID id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> first(rows.iterator().hasNext() ? rows.iterator().next() : null));
  }

  public Future<Void> updateRoleAndHash(UUID id, String role, String passwordHash) {
    return pool.preparedQuery(UPDATE_ROLE_AND_HASH).execute(Tuple.of(id, role, passwordHash)).mapEmpty();
  }

  private static Optional<Credentials> first(Row row) {
    if (row == null) {
      return Optional.empty();
    }
    User user = new User(row.getUUID("id"), row.getString("email"), row.getString("name"), row.getString("role"));
    return Optional.of(new Credentials(user, row.getString("password_hash")));
  }

  static boolean isUniqueViolation(Throwable err) {
    return err instanceof PgException pg && "23505".equals(pg.getSqlState());
  }
}
