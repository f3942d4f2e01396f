package com.tixproof.bench;

import com.tixproof.api.db.Database;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ceiling: what the same PostgreSQL server does with the same client count when nothing but
 * the database is in the way. {@code pgbench -b simple-update} runs BEGIN, UPDATE an account,
 * SELECT it, INSERT a history row, END: a small write transaction, five round trips. It runs in a
 * database of its own, created for the measurement and dropped after it.
 */
final class PgBenchCeiling {
  static final String DATABASE = "tixproof_pgbench_ceiling";
  private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+)", Pattern.MULTILINE);
  private static final Pattern LATENCY = Pattern.compile("^latency average = ([0-9.]+) ms", Pattern.MULTILINE);

  /** What pgbench reported. */
  record Result(double tps, double latencyAverageMs, String command, String output) {}

  private final BenchSettings settings;
  private final PgConnectOptions server;
  private final String databaseUrl;

  PgBenchCeiling(BenchSettings settings, String databaseUrl) {
    this.settings = settings;
    this.databaseUrl = databaseUrl;
    this.server = Database.connectOptions(databaseUrl);
  }

  Result measure() throws IOException, InterruptedException, SQLException {
    recreateDatabase();
    try {
      run(List.of("-i", "-q", "-s", Integer.toString(settings.pgbenchScale())), 600);
      List<String> bench = List.of("-b", "simple-update", "-c", Integer.toString(settings.clients()),
          "-j", Integer.toString(settings.pgbenchThreads()), "-T", Integer.toString(settings.seconds()), "-n");
      String output = run(bench, settings.seconds() + 120L);
      Matcher tps = TPS.matcher(output);
      if (!tps.find()) {
        throw new IllegalStateException("pgbench printed no \"tps = \" line:\n" + output);
      }
      Matcher latency = LATENCY.matcher(output);
      double latencyMs = latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN;
      return new Result(Double.parseDouble(tps.group(1)), latencyMs, display(bench), output);
    } finally {
      dropDatabase();
    }
  }

  /** The command as a person would type it (without the password). */
  String display(List<String> args) {
    return String.join(" ", command(args));
  }

  private List<String> command(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(settings.pgbench());
    cmd.addAll(args);
    cmd.addAll(List.of("-h", server.getHost(), "-p", Integer.toString(server.getPort())));
    Optional.ofNullable(server.getUser()).ifPresent(u -> cmd.addAll(List.of("-U", u)));
    cmd.add(DATABASE);
    return cmd;
  }

  private String run(List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true);
    pb.environment().remove("PGPASSWORD");
    Optional.ofNullable(server.getPassword()).filter(p -> !p.isEmpty()).ifPresent(p -> pb.environment().put("PGPASSWORD", p));
    Process process = pb.start();
    process.getOutputStream().close();
    // read on another thread so a chatty pgbench cannot block on a full pipe while we wait
    StringBuilder out = new StringBuilder();
    Thread reader = new Thread(() -> {
      try {
        out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        out.append("(reading pgbench output failed: ").append(e).append(')');
      }
    }, "pgbench-output");
    reader.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      reader.join(5_000);
      throw new IllegalStateException("pgbench did not finish in " + timeoutSeconds + " s: " + display(args));
    }
    reader.join(5_000); // after join, the reader's appends are visible here
    String output = out.toString();
    if (process.exitValue() != 0) {
      throw new IllegalStateException("pgbench exited with " + process.exitValue() + ": " + display(args) + "\n" + output);
    }
    return output;
  }

  private void recreateDatabase() throws SQLException {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE);
      s.execute("CREATE DATABASE " + DATABASE);
    }
  }

  private void dropDatabase() throws SQLException {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE);
    }
  }

  private Connection admin() throws SQLException {
    return connect(databaseUrl);
  }

  private static Connection connect(String databaseUrl) throws SQLException {
    return DriverManager.getConnection(Database.jdbcUrl(databaseUrl), Database.jdbcProperties(databaseUrl));
  }

  /** The server's version and the settings that decide what a commit costs, for the report. */
  static String describeServer(String databaseUrl) throws SQLException {
    try (Connection c = connect(databaseUrl); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'),"
            + " current_setting('synchronous_commit'), current_setting('shared_buffers'), current_setting('max_connections')")) {
      r.next();
      return "PostgreSQL " + r.getString(1) + " (fsync=" + r.getString(2) + ", synchronous_commit=" + r.getString(3)
          + ", shared_buffers=" + r.getString(4) + ", max_connections=" + r.getString(5) + ")";
    }
  }
}
