package com.tixproof.api.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Properties;

/** Connection settings from {@code DATABASE_URL} ({@code postgresql://user:pass@host:port/db}). */
public final class Database {
  private Database() {}

  public static PgConnectOptions connectOptions(String databaseUrl) {
    String uri = databaseUrl.startsWith("jdbc:") ? databaseUrl.substring(5) : databaseUrl;
    return PgConnectOptions.fromUri(uri)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(512)
        .setPipeliningLimit(256);
  }

  /** The one pool of a process, shared by its verticles. */
  public static Pool pool(Vertx vertx, String databaseUrl, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setName("tixproof-pg").setShared(false))
        .connectingTo(connectOptions(databaseUrl))
        .using(vertx)
        .build();
  }

  /** The JDBC URL Flyway uses (it is the only JDBC user). */
  public static String jdbcUrl(String databaseUrl) {
    PgConnectOptions o = connectOptions(databaseUrl);
    return "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase();
  }

  public static Properties jdbcProperties(String databaseUrl) {
    PgConnectOptions o = connectOptions(databaseUrl);
    Properties p = new Properties();
    if (o.getUser() != null) {
      p.setProperty("user", o.getUser());
    }
    if (o.getPassword() != null) {
      p.setProperty("password", o.getPassword());
    }
    return p;
  }
}
