package com.tixproof.api.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the schema up to date with the Flyway files in {@code db/migration}. Blocking: call off the event loop. */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static void migrate(String databaseUrl) {
    var props = Database.jdbcProperties(databaseUrl);
    MigrateResult result = Flyway.configure()
        .dataSource(Database.jdbcUrl(databaseUrl), props.getProperty("user"), props.getProperty("password"))
        .locations("classpath:db/migration")
        .schemas("public")
        .load()
        .migrate();
    LOG.info("schema at version {} ({} migrations applied)", result.targetSchemaVersion, result.migrationsExecuted);
  }
}
