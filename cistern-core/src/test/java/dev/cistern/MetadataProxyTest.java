package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Metadata objects are JDBC objects too: Cistern hands out its own proxies for them, so that a
 * disconnect inside a metadata call (pgjdbc makes round trips there) invalidates the connection,
 * and a stale metadata object cannot reach a connection that went back to the pool.
 */
class MetadataProxyTest {

  @OnEachDatabase
  void resultSetAndStatementMetadataAreProxiesThatDieWithTheirConnection(TestDatabase db)
      throws SQLException {
    try (Engine engine = Engine.create(db.cisternUrl())) {
      ResultSetMetaData fromResult;
      ResultSetMetaData fromStatement;
      try (SqlConnection c = engine.connect();
          PreparedStatement ps = c.jdbc().prepareStatement("select 1 as x");
          ResultSet rs = ps.executeQuery()) {
        fromResult = rs.getMetaData();
        fromStatement = ps.getMetaData();
        assertThat(fromResult.getClass().getName()).startsWith("dev.cistern.");
        assertThat(fromResult.getColumnCount()).isEqualTo(1);
        assertThat(fromResult.getColumnLabel(1)).isEqualToIgnoringCase("x");
        assertThat(fromResult.unwrap(ResultSetMetaData.class)).isSameAs(fromResult);
        if (fromStatement != null) { // optional in JDBC before execution; all three give one
          assertThat(fromStatement.getClass().getName()).startsWith("dev.cistern.");
        }
      }
      // the connection went back to the pool: its metadata must not reach it any more
      assertThatThrownBy(fromResult::getColumnCount)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("returned to the pool");
    }
  }

  @Test
  void aDisconnectInsideResultSetMetadataInvalidatesTheConnection(@Postgres TestDatabase db)
      throws SQLException {
    try (Connection admin = db.openConnection("cistern-md-admin");
        Statement s = admin.createStatement()) {
      s.execute("create table md_t (id int not null, name text)");
    }
    try (Engine engine = Engine.builder(db.cisternUrl()).poolSize(2, 0).build()) {
      SqlConnection c = engine.connect();
      Connection jdbc = c.jdbc();
      long pid;
      try (Statement st = jdbc.createStatement();
          ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
        rs.next();
        pid = rs.getLong(1);
      }
      try (Statement st = jdbc.createStatement();
          ResultSet rs = st.executeQuery("select id, name from md_t")) {
        ResultSetMetaData md = rs.getMetaData(); // local in pgjdbc: no round trip yet
        terminate(db, pid);
        // isNullable makes pgjdbc look the columns up in pg_attribute: a round trip
        SQLException e = catchThrowableOfType(() -> md.isNullable(1), SQLException.class);
        assertThat((Throwable) e).as("metadata round trip on a terminated backend").isNotNull();
        assertThat((Throwable) e).hasMessageContaining("connection was lost");
        assertThatThrownBy(jdbc::createStatement)
            .as("the connection was invalidated by the metadata call")
            .hasMessageContaining("invalidated");
      }
      c.close();
      assertThat(engine.status().size()).as("the dead connection left the pool").isZero();
      try (SqlConnection fresh = engine.connect()) {
        assertThat(fresh.execute("select 1").scalar(Integer.class)).isEqualTo(1);
      }
    }
  }

  private static void terminate(TestDatabase db, long pid) throws SQLException {
    try (Connection admin = db.openConnection("cistern-md-admin");
        PreparedStatement ps = admin.prepareStatement("select pg_terminate_backend(?)")) {
      ps.setInt(1, (int) pid);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(1)).isTrue();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> count(admin, "select count(*) from pg_stat_activity where pid = " + pid) == 0);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
