package com.tixproof.workers.master;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;

/** The master's pool and schema ({@code master}, migrated by its own Flyway history). */
final class MasterDatabase {
  private MasterDatabase() {}

  static Pool pool(Vertx vertx, String databaseUrl, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setName("tixproof-master-pg"))
        .connectingTo(options(databaseUrl))
        .using(vertx)
        .build();
  }

  static PgConnectOptions options(String databaseUrl) {
    String uri = databaseUrl.startsWith("jdbc:") ? databaseUrl.substring(5) : databaseUrl;
    // every query names the master schema through search_path
    return PgConnectOptions.fromUri(uri).setCachePreparedStatements(true)
        .addProperty("search_path", "master");
  }

  /** Blocking: run off the event loop. */
  static void migrate(String databaseUrl) {
    PgConnectOptions o = options(databaseUrl);
    Flyway.configure()
        .dataSource("jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase(), o.getUser(), o.getPassword())
        .schemas("master")
        .createSchemas(true)
        .table("flyway_schema_history")
        .locations("classpath:db/master")
        .load()
        .migrate();
  }
}
