package com.tixproof.api.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away database on an existing PostgreSQL server: created under a random name, dropped
 * (sessions forced out) on {@link #close}. The tests and the smoke topology use it to share a
 * server (a developer's, CI's service container) without sharing data.
 */
public final class ScratchDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScratchDatabase.class);

  private final String adminJdbc;
  private final Properties props;
  private final String name;
  private final String url;

  private ScratchDatabase(String adminJdbc, Properties props, String name, String url) {
    this.adminJdbc = adminJdbc;
    this.props = props;
    this.name = name;
    this.url = url;
  }

  /** Creates {@code <prefix><12 hex>} on the server of {@code serverUrl} ({@code postgresql://…}). */
  public static ScratchDatabase create(String serverUrl, String prefix) throws SQLException {
    if (!prefix.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("database name prefix must be a lower-case identifier, got " + prefix);
    }
    var base = Database.connectOptions(serverUrl);
    String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String adminJdbc = Database.jdbcUrl(serverUrl);
    Properties props = Database.jdbcProperties(serverUrl);
    try (Connection c = DriverManager.getConnection(adminJdbc, props); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    String auth = base.getUser() == null ? "" : base.getUser() + (base.getPassword() == null ? "" : ":" + base.getPassword()) + "@";
    return new ScratchDatabase(adminJdbc, props, name, "postgresql://" + auth + base.getHost() + ":" + base.getPort() + "/" + name);
  }

  /** {@code postgresql://…} of the scratch database. */
  public String url() {
    return url;
  }

  /** Drops the database; best effort (the server may already be gone). */
  @Override
  public void close() {
    try (Connection c = DriverManager.getConnection(adminJdbc, props); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      LOG.debug("could not drop scratch database {}: {}", name, e.toString());
    }
  }
}
