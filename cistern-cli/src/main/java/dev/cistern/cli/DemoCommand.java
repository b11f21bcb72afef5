package dev.cistern.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cistern demo}: opens an embedded H2 database, runs a query and checks that no session is
 * left.
 *
 * <p>This is the first, minimal form of the demo; it grows as the engine does.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Open an embedded H2 database, run a query, close, and verify nothing is left open.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws SQLException {
    PrintWriter out = spec.commandLine().getOut();
    String name = "cistern_demo_" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    out.println("demo: embedded H2 database " + name);
    try (Connection admin = DriverManager.getConnection(url)) {
      out.println("  server sessions before: " + otherSessions(admin));
      try (Connection c = DriverManager.getConnection(url)) {
        try (Statement s = c.createStatement()) {
          s.execute("create table stock(sku varchar(10) primary key, n int not null)");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into stock values (?, ?)")) {
          for (int i = 1; i <= 3; i++) {
            ps.setString(1, "A" + i);
            ps.setInt(2, 10 * i);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select count(*), sum(n) from stock")) {
          rs.next();
          out.printf("  query: %d rows in stock, %d items%n", rs.getLong(1), rs.getLong(2));
        }
        out.println("  server sessions while connected: " + otherSessions(admin));
      }
      int remaining = otherSessions(admin);
      try (Statement s = admin.createStatement()) {
        s.execute("shutdown");
      }
      if (remaining != 0) {
        out.println("FAILED: " + remaining + " session(s) remain on the server");
        return 1;
      }
      out.println("verified: 0 sessions remain on the server");
      return 0;
    }
  }

  /** Counts the H2 sessions other than {@code admin}'s own. */
  private static int otherSessions(Connection admin) throws SQLException {
    try (Statement s = admin.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) from information_schema.sessions where session_id <> session_id()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
