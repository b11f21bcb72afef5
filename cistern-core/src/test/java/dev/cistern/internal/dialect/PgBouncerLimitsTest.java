package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.DatabaseUrl;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** PgBouncer's admin console, faked: SHOW CONFIG and SHOW DATABASES as the console answers. */
class PgBouncerLimitsTest {
  /** A result set of {@code rows}, each a map of column name to text, in order of columns. */
  private static ResultSet rows(List<String> columns, List<List<String>> rows) {
    int[] at = {-1};
    return (ResultSet)
        Proxy.newProxyInstance(
            PgBouncerLimitsTest.class.getClassLoader(),
            new Class<?>[] {ResultSet.class},
            (p, m, a) ->
                switch (m.getName()) {
                  case "next" -> ++at[0] < rows.size();
                  case "findColumn" -> {
                    int i = columns.indexOf((String) a[0]);
                    if (i < 0) {
                      throw new SQLException("no column " + a[0]);
                    }
                    yield i + 1;
                  }
                  case "getString" -> rows.get(at[0]).get((Integer) a[0] - 1);
                  case "close" -> null;
                  default -> throw new UnsupportedOperationException(m.getName());
                });
  }

  /** A console connection answering {@code answers} (SQL to result set); records its close. */
  private static Connection console(Map<String, ResultSet> answers, AtomicBoolean closed) {
    Statement s =
        (Statement)
            Proxy.newProxyInstance(
                PgBouncerLimitsTest.class.getClassLoader(),
                new Class<?>[] {Statement.class},
                (p, m, a) ->
                    switch (m.getName()) {
                      case "executeQuery" -> {
                        ResultSet rs = answers.get((String) a[0]);
                        if (rs == null) {
                          throw new SQLException("unknown command " + a[0]);
                        }
                        yield rs;
                      }
                      case "close" -> null;
                      default -> throw new UnsupportedOperationException(m.getName());
                    });
    return (Connection)
        Proxy.newProxyInstance(
            PgBouncerLimitsTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (p, m, a) ->
                switch (m.getName()) {
                  case "createStatement" -> s;
                  case "close" -> {
                    closed.set(true);
                    yield null;
                  }
                  default -> throw new UnsupportedOperationException(m.getName());
                });
  }

  private static ResultSet config(String maxClients, String poolSize) {
    List<List<String>> r = new ArrayList<>();
    r.add(List.of("listen_port", "6432", "6432", "no"));
    r.add(List.of("max_client_conn", maxClients, "100", "yes"));
    r.add(List.of("default_pool_size", poolSize, "20", "yes"));
    return rows(List.of("key", "value", "default", "changeable"), r);
  }

  @Test
  void readsMaxClientConnAndThePoolSizes() throws SQLException {
    AtomicBoolean closed = new AtomicBoolean();
    ResultSet dbs =
        rows(
            List.of("name", "host", "pool_size"),
            List.of(List.of("pgbouncer", "", "2"), List.of("shop", "127.0.0.1", "25")));
    PgBouncerLimits reader =
        new PgBouncerLimits(
            () ->
                console(Map.of("SHOW CONFIG", config("400", "20"), "SHOW DATABASES", dbs), closed));

    ServerLimits l = reader.read("shop").orElseThrow();

    assertThat(l.available()).isEqualTo(400);
    assertThat(l.describe())
        .isEqualTo(
            "pgbouncer max_client_conn 400 available (default_pool_size 20 server connections per"
                + " database and user; pool_size 25 for database shop)");
    assertThat(closed).as("the console connection is closed").isTrue();
  }

  @Test
  void withoutShowDatabasesTheDefaultPoolSizeIsEnough() throws SQLException {
    AtomicBoolean closed = new AtomicBoolean();
    PgBouncerLimits reader =
        new PgBouncerLimits(() -> console(Map.of("SHOW CONFIG", config("100", "20")), closed));
    assertThat(reader.read("shop").orElseThrow().describe())
        .isEqualTo(
            "pgbouncer max_client_conn 100 available (default_pool_size 20 server connections per"
                + " database and user)");
  }

  @Test
  void noMaxClientConnMeansNoLimit() throws SQLException {
    AtomicBoolean closed = new AtomicBoolean();
    ResultSet cfg = rows(List.of("key", "value"), List.of(List.of("listen_port", "6432")));
    assertThat(new PgBouncerLimits(() -> console(Map.of("SHOW CONFIG", cfg), closed)).read(null))
        .isEmpty();
    assertThat(closed).isTrue();
  }

  @Test
  void aUserWhoMayNotUseTheConsoleGetsTheError() {
    PgBouncerLimits reader =
        new PgBouncerLimits(
            () -> {
              throw new SQLException("not allowed", "08P01");
            });
    assertThatThrownBy(() -> reader.read("shop"))
        .isInstanceOf(SQLException.class)
        .hasMessage("not allowed");
  }

  @Test
  void consoleUrlKeepsHostPortAndUserAndAsksForSimpleQueries() {
    DatabaseUrl u =
        PgBouncerLimits.consoleUrl(
            DatabaseUrl.parse("postgresql://app:pw@db.example:6432/shop?preferQueryMode=extended"));
    assertThat(u.database()).contains("pgbouncer");
    assertThat(u.host()).contains("db.example");
    assertThat(u.port()).contains(6432);
    assertThat(u.username()).contains("app");
    assertThat(u.driverProperties()).containsEntry("preferQueryMode", "simple");
    assertThatThrownBy(
            () -> PgBouncerLimits.consoleUrl(DatabaseUrl.parse("jdbc:postgresql://db/shop")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
