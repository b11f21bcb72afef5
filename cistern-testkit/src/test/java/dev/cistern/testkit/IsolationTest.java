package dev.cistern.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class IsolationTest {

  @OnEachDatabase
  void aTableInOneDatabaseIsInvisibleInAFreshOne(TestDatabase db) throws SQLException {
    execute(db, "create table isolated_t (id int primary key)");
    execute(db, "insert into isolated_t values (1)");
    try (TestDatabase fresh = TestDatabase.create(db.kind())) {
      assertThat(fresh.name()).isNotEqualTo(db.name()).startsWith(TestDatabase.NAME_PREFIX);
      assertThat(rowCount(db, "isolated_t")).isEqualTo(1);
      assertThatThrownBy(() -> rowCount(fresh, "isolated_t")).isInstanceOf(SQLException.class);
    }
  }

  @OnEachDatabase
  void closeDropsTheDatabase(TestDatabase observer) throws SQLException {
    TestDatabase temp = TestDatabase.create(observer.kind());
    execute(temp, "create table doomed (id int)");
    assertThat(exists(observer, temp.name())).isTrue();
    temp.close();
    assertThat(temp.isClosed()).isTrue();
    assertThat(exists(observer, temp.name())).isFalse();
    assertThatThrownBy(temp::openConnection).isInstanceOf(IllegalStateException.class);
    temp.close(); // idempotent
  }

  @Test
  void dropDoesNotHangOnASessionHoldingLocks(@Postgres TestDatabase observer) throws Exception {
    TestDatabase temp = TestDatabase.create(DatabaseKind.POSTGRESQL);
    execute(temp, "create table locked (id int)");
    Connection holder = temp.openConnection();
    try {
      holder.setAutoCommit(false);
      try (Statement st = holder.createStatement()) {
        st.execute("lock table locked in access exclusive mode");
      }
      temp.close();
      assertThat(exists(observer, temp.name())).isFalse();
      assertThat(holder.isValid(2)).as("the lock holder was terminated").isFalse();
    } finally {
      holder.close();
    }
  }

  @Test
  void dropKillsLeftoverMariaDbSessions(@MariaDb TestDatabase observer) throws Exception {
    TestDatabase temp = TestDatabase.create(DatabaseKind.MARIADB);
    Connection leftover = temp.openConnection();
    try {
      leftover.setAutoCommit(false);
      execute(temp, "create table t (id int)");
      try (Statement st = leftover.createStatement()) {
        st.executeQuery("select * from t for update").close();
      }
      temp.close();
      assertThat(exists(observer, temp.name())).isFalse();
      assertThat(
              ServerSessions.countMariaDb(
                  observer.jdbcUrl(), observer.user(), observer.password(), temp.name()))
          .isZero();
    } finally {
      leftover.close();
    }
  }

  @Test
  void theExtensionDropsEachTestsDatabasesAfterTheTest(
      @Postgres TestDatabase pg, @MariaDb TestDatabase maria) throws SQLException {
    RecordsItsDatabases.SEEN.clear();
    EngineExecutionResults results = InnerTests.run(RecordsItsDatabases.class);
    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    List<TestDatabase> seen = RecordsItsDatabases.SEEN;
    assertThat(seen).hasSize(6).allMatch(TestDatabase::isClosed);
    assertThat(seen.stream().map(TestDatabase::name).distinct()).hasSize(6);
    for (TestDatabase db : seen) {
      TestDatabase observer =
          switch (db.kind()) {
            case POSTGRESQL -> pg;
            case MARIADB -> maria;
            case H2, SQLITE -> db;
          };
      assertThat(exists(observer, db.name())).as("%s still exists", db).isFalse();
    }
  }

  /** Records the databases it is given; each test creates a table of the same name. */
  @InnerTests.Inner
  static class RecordsItsDatabases {
    static final List<TestDatabase> SEEN = new ArrayList<>();

    @Test
    void first(@Postgres TestDatabase pg, @MariaDb TestDatabase maria, @H2 TestDatabase h2)
        throws SQLException {
      use(pg, maria, h2);
    }

    @Test
    void second(@Postgres TestDatabase pg, @MariaDb TestDatabase maria, @H2 TestDatabase h2)
        throws SQLException {
      use(pg, maria, h2);
    }

    private static void use(TestDatabase... dbs) throws SQLException {
      for (TestDatabase db : dbs) {
        SEEN.add(db);
        execute(db, "create table same_name (id int)");
        assertThat(ServerSessions.awaitCount(db, 0, Duration.ofSeconds(5))).isZero();
      }
    }
  }

  static void execute(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.openConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  static int rowCount(TestDatabase db, String table) throws SQLException {
    try (Connection c = db.openConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Whether the schema (PostgreSQL), database (MariaDB) or in-memory database (H2) exists. */
  static boolean exists(TestDatabase observer, String name) throws SQLException {
    if (observer.kind() == DatabaseKind.H2) {
      try (Connection c =
          DriverManager.getConnection("jdbc:h2:mem:" + name + ";IFEXISTS=TRUE", "sa", "")) {
        return c.isValid(1);
      } catch (SQLException e) {
        return false;
      }
    }
    try (Connection c = observer.openConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(*) from information_schema.schemata where schema_name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    }
  }
}
