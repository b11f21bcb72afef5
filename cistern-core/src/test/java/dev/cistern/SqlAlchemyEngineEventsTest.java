package dev.cistern;

import static dev.cistern.testkit.DatabaseKind.H2;
import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.EngineListener.ResetState;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** The reset and closeDetached events as SQLAlchemy 2.0 fires them, on the real databases. */
class SqlAlchemyEngineEventsTest {

  /** Records events, and the rows of {@code t} its reset listener sees on the connection. */
  static final class Listener implements EngineListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<ResetState> states = new CopyOnWriteArrayList<>();
    final List<Integer> rowsSeenAtReset = new CopyOnWriteArrayList<>();
    final AtomicReference<Connection> closedDetached = new AtomicReference<>();
    volatile boolean countRows;

    @Override
    public void checkin(ConnectionEvent e) {
      events.add("checkin");
    }

    @Override
    public void reset(ConnectionEvent e, ResetState state) {
      events.add("reset");
      states.add(state);
      if (countRows) {
        rowsSeenAtReset.add(rows(e.connection()));
      }
    }

    @Override
    public void detach(ConnectionEvent e) {
      events.add("detach");
    }

    @Override
    public void closeDetached(ConnectionEvent e) {
      events.add("closeDetached");
      closedDetached.set(e.connection());
    }

    @Override
    public void close(ConnectionEvent e) {
      events.add("close");
    }
  }

  static int rows(Connection c) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from t")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Engine engine(TestDatabase db, Listener l) {
    Engine engine =
        Engine.builder(db.cisternUrl())
            .name("cistern_saev_" + Long.toHexString(System.nanoTime()))
            .poolSize(2, 0)
            .listener(l)
            .build();
    try (SqlConnection c = engine.connect()) {
      c.execute("create table t (id int primary key)");
      c.commit();
    }
    return engine;
  }

  private static int committedRows(Engine engine) {
    try (SqlConnection c = engine.connect()) {
      return c.execute("select count(*) from t").scalar(Integer.class);
    }
  }

  // SQLAlchemy PoolEvents.reset: "called before the reset action occurs", so a listener still sees
  // (and may reset itself) what the borrower left open; then the pool rolls back; then checkin.
  @OnEachDatabase({POSTGRESQL, MARIADB, H2})
  void theResetListenerSeesTheOpenTransactionBeforeThePoolRollsItBack(TestDatabase db)
      throws SQLException {
    Listener l = new Listener();
    try (Engine engine = engine(db, l)) {
      l.events.clear();
      l.states.clear();
      l.countRows = true;
      try (Connection raw = engine.dataSource().getConnection()) {
        raw.setAutoCommit(false);
        try (Statement s = raw.createStatement()) {
          s.executeUpdate("insert into t (id) values (1)");
        }
      }
      l.countRows = false;

      assertThat(l.rowsSeenAtReset)
          .as("the borrower's uncommitted row, still there when reset fired")
          .containsExactly(1);
      assertThat(l.events).containsExactly("reset", "checkin");
      assertThat(l.states).containsExactly(new ResetState(ResetOnReturn.ROLLBACK, false, false));
      assertThat(committedRows(engine)).as("the pool rolled back after the event").isZero();
    }
  }

  // SQLAlchemy Connection.detach() then close(): _finalize_fairy with detach=True fires reset
  // (terminate_only), then close_detached, then closes the DBAPI connection; no checkin.
  @OnEachDatabase({POSTGRESQL, MARIADB, H2})
  void closingADetachedConnectionFiresResetThenCloseDetachedAndClosesIt(TestDatabase db)
      throws SQLException {
    Listener l = new Listener();
    try (Engine engine = engine(db, l)) {
      SqlConnection c = engine.connect();
      c.execute("insert into t (id) values (2)");
      l.events.clear();
      l.states.clear();

      c.detach();
      c.close();

      assertThat(l.events).containsExactly("detach", "reset", "closeDetached");
      assertThat(l.states).containsExactly(new ResetState(ResetOnReturn.ROLLBACK, true, true));
      assertThat(l.closedDetached.get().isClosed()).as("the physical connection").isTrue();
      assertThat(committedRows(engine)).as("its transaction was rolled back").isZero();
      assertThat(engine.status().inUse()).isZero();
    }
  }
}
