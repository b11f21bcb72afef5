package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.Credentials;
import dev.cistern.DatabaseUrl;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** PgBouncer's admin console, faked: SHOW CONFIG and SHOW DATABASES as the console answers. */
class PgBouncerLimitsTest {
  /** Rows of {@code columns}, each a list of text values in column order. */
  private static List<Map<String, String>> rows(List<String> columns, List<List<String>> rows) {
    List<Map<String, String>> r = new ArrayList<>();
    for (List<String> values : rows) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        row.put(columns.get(i), values.get(i));
      }
      r.add(row);
    }
    return r;
  }

  /** A console session answering {@code answers} (SQL to rows); records its close. */
  private static PgBouncerLimits.Session console(
      Map<String, List<Map<String, String>>> answers, AtomicBoolean closed) {
    return new PgBouncerLimits.Session() {
      @Override
      public List<Map<String, String>> query(String sql) throws SQLException {
        List<Map<String, String>> rows = answers.get(sql);
        if (rows == null) {
          throw new SQLException("unknown command " + sql, "08P01");
        }
        return rows;
      }

      @Override
      public void close() {
        closed.set(true);
      }
    };
  }

  private static List<Map<String, String>> config(String maxClients, String poolSize) {
    List<List<String>> r = new ArrayList<>();
    r.add(List.of("listen_port", "6432", "6432", "no"));
    r.add(List.of("max_client_conn", maxClients, "100", "yes"));
    r.add(List.of("default_pool_size", poolSize, "20", "yes"));
    return rows(List.of("key", "value", "default", "changeable"), r);
  }

  @Test
  void readsMaxClientConnAndThePoolSizes() throws SQLException {
    AtomicBoolean closed = new AtomicBoolean();
    List<Map<String, String>> dbs =
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
    assertThat(closed).as("the console session is closed").isTrue();
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
    List<Map<String, String>> cfg =
        rows(List.of("key", "value"), List.of(List.of("listen_port", "6432")));
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
  void theConsoleOfAUrlNeedsAHost() {
    assertThatThrownBy(
            () -> PgBouncerLimits.console(DatabaseUrl.parse("jdbc:postgresql://db/shop"), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            PgBouncerLimits.console(
                DatabaseUrl.parse("postgresql://app:pw@db.example:6432/shop"), null))
        .isNotNull();
  }

  @Test
  void aFailingCredentialsSupplierIsAnSqlExceptionWithoutThePassword() {
    PgBouncerLimits.Console c =
        PgBouncerLimits.console(
            DatabaseUrl.parse("postgresql://app:s3cret@127.0.0.1:1/shop"),
            () -> {
              throw new IllegalStateException("vault down");
            });
    assertThatThrownBy(c::open)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("vault down")
        .hasMessageNotContaining("s3cret");
    PgBouncerLimits.Console nul =
        PgBouncerLimits.console(
            DatabaseUrl.parse("postgresql://app@127.0.0.1:1/shop"), () -> (Credentials) null);
    assertThatThrownBy(nul::open)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("returned null");
  }
}
