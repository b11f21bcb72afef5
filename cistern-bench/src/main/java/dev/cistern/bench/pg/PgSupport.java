package dev.cistern.bench.pg;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The loopback PostgreSQL the real-database benchmarks use: {@code 127.0.0.1:5432}, user {@code
 * postgres} (trust auth), database {@code test}. Override with the system properties {@code
 * cistern.bench.pg.host}, {@code .port}, {@code .db} and {@code .user}.
 */
public final class PgSupport {
  /** Rows in {@link #TABLE}. */
  public static final int ROWS = 100_000;

  /** The schema holding the benchmark table. */
  public static final String SCHEMA = "cistern_bench";

  /** The pgbench-like accounts table, schema-qualified. */
  public static final String TABLE = SCHEMA + ".bench_accounts";

  /** The select-by-key query in Cistern's named-parameter form. */
  public static final String SELECT_NAMED = "select abalance from " + TABLE + " where id = :id";

  /** The select-by-key query in JDBC form. */
  public static final String SELECT_JDBC = "select abalance from " + TABLE + " where id = ?";

  private static final String HOST = System.getProperty("cistern.bench.pg.host", "127.0.0.1");
  private static final String PORT = System.getProperty("cistern.bench.pg.port", "5432");
  private static final String DB = System.getProperty("cistern.bench.pg.db", "test");
  private static final String USER = System.getProperty("cistern.bench.pg.user", "postgres");

  private PgSupport() {}

  /** The Cistern URL of the benchmark database. */
  public static String cisternUrl() {
    return "postgresql://" + USER + "@" + HOST + ":" + PORT + "/" + DB;
  }

  /** The JDBC URL of the benchmark database (without user). */
  public static String jdbcUrl() {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DB;
  }

  /** The user name. */
  public static String user() {
    return USER;
  }

  /** Opens a plain driver connection whose session shows {@code applicationName}. */
  public static Connection open(String applicationName) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("ApplicationName", applicationName);
    p.setProperty("connectTimeout", "3");
    return DriverManager.getConnection(jdbcUrl(), p);
  }

  /** Returns null if the server answers, else a one-line reason why not. */
  public static String unreachableReason() {
    try {
      Class.forName("org.postgresql.Driver");
    } catch (ClassNotFoundException e) {
      return "PostgreSQL driver not on the class path";
    }
    try (Connection c = open("cistern-bench-probe");
        Statement s = c.createStatement()) {
      s.execute("select 1");
      return null;
    } catch (SQLException e) {
      return "PostgreSQL at " + jdbcUrl() + " unreachable: " + e.getMessage();
    }
  }

  /** Counts the server sessions whose application name is {@code applicationName}. */
  public static int sessions(Connection admin, String applicationName) throws SQLException {
    try (PreparedStatement ps =
        admin.prepareStatement(
            "select count(*) from pg_stat_activity where application_name = ?")) {
      ps.setString(1, applicationName);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * Creates and fills {@link #TABLE} with {@link #ROWS} rows {@code (id, abalance, filler)} unless
   * it already holds exactly that many.
   */
  public static void ensureTable() throws SQLException {
    try (Connection c = open("cistern-bench-setup");
        Statement s = c.createStatement()) {
      s.execute("create schema if not exists " + SCHEMA);
      s.execute(
          "create table if not exists "
              + TABLE
              + " (id int primary key, abalance int not null, filler char(84))");
      long n;
      try (ResultSet rs = s.executeQuery("select count(*) from " + TABLE)) {
        rs.next();
        n = rs.getLong(1);
      }
      if (n != ROWS) {
        s.execute("truncate " + TABLE);
        s.execute(
            "insert into "
                + TABLE
                + " select g, g % 1000, '' from generate_series(1, "
                + ROWS
                + ") g");
        s.execute("analyze " + TABLE);
      }
    }
  }
}
