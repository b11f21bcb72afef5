package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisconnectClassificationTest {
  private static Dialect dialect(String name) {
    return Dialects.find(name).orElseThrow();
  }

  /** SQLState, vendor code, then whether each dialect sees a disconnect. */
  @ParameterizedTest(name = "state {0} code {1}")
  @CsvSource(
      nullValues = "null",
      value = {
        // state, code, postgresql, mariadb, mysql, h2, hsqldb, sqlite
        "08006, 0, true, true, true, true, true, true",
        "08003, 0, true, true, true, true, true, true",
        "08S01, 0, true, true, true, true, true, true",
        "08001, 0, true, true, true, true, true, true",
        "57P01, 0, true, false, false, false, false, false",
        "57P02, 0, true, false, false, false, false, false",
        "57P03, 0, true, false, false, false, false, false",
        "57014, 0, false, false, false, false, false, false",
        "HY000, 2006, false, true, true, false, false, false",
        "HY000, 2013, false, true, true, false, false, false",
        "HY000, 2055, false, true, true, false, false, false",
        "HY000, 4031, false, true, true, false, false, false",
        "70100, 1927, false, true, true, false, false, false",
        "HY000, 1053, false, true, true, false, false, false",
        "HY000, 1064, false, false, false, false, false, false",
        "90067, 90067, false, false, false, true, false, false",
        "90098, 90098, false, false, false, true, false, false",
        "90121, 90121, false, false, false, true, false, false",
        "42000, 42000, false, false, false, false, false, false",
        "42601, 0, false, false, false, false, false, false",
        "23505, 0, false, false, false, false, false, false",
        "null, 0, false, false, false, false, false, false",
      })
  void truthTable(
      String state,
      int code,
      boolean postgresql,
      boolean mariadb,
      boolean mysql,
      boolean h2,
      boolean hsqldb,
      boolean sqlite) {
    SQLException e = new SQLException("boom", state, code);
    assertThat(dialect("postgresql").isDisconnect(e)).as("postgresql").isEqualTo(postgresql);
    assertThat(dialect("mariadb").isDisconnect(e)).as("mariadb").isEqualTo(mariadb);
    assertThat(dialect("mysql").isDisconnect(e)).as("mysql").isEqualTo(mysql);
    assertThat(dialect("h2").isDisconnect(e)).as("h2").isEqualTo(h2);
    assertThat(dialect("hsqldb").isDisconnect(e)).as("hsqldb").isEqualTo(hsqldb);
    assertThat(dialect("sqlite").isDisconnect(e)).as("sqlite").isEqualTo(sqlite);
  }

  @Test
  void connectionExceptionTypesAreDisconnectsWithoutAState() {
    for (Dialect d : Dialects.all()) {
      assertThat(d.isDisconnect(new SQLNonTransientConnectionException("gone"))).isTrue();
      assertThat(d.isDisconnect(new SQLRecoverableException("gone"))).isTrue();
      assertThat(d.isDisconnect(new SQLSyntaxErrorException("bad", "42000"))).isFalse();
    }
  }

  @Test
  void pgjdbcClosedConnectionMessage() {
    SQLException e = new SQLException("This connection has been closed.", "08003");
    assertThat(dialect("postgresql").isDisconnect(e)).isTrue();
  }

  @Test
  void theCauseChainIsWalked() {
    SQLException root = new SQLException("terminating connection", "57P01");
    RuntimeException middle = new RuntimeException("wrapped", root);
    SQLException top = new SQLException("batch failed", "XX000", middle);
    assertThat(dialect("postgresql").isDisconnect(top)).isTrue();
    assertThat(dialect("mariadb").isDisconnect(top)).isFalse();
  }

  @Test
  void nextExceptionsAreWalked() {
    SQLException top = new SQLException("batch entry 0 failed", "22001");
    top.setNextException(new SQLException("unrelated", "42601"));
    assertThat(dialect("postgresql").isDisconnect(top)).isFalse();
    top.setNextException(new SQLException("server gone", "HY000", 2006));
    assertThat(dialect("mariadb").isDisconnect(top)).isTrue();
    assertThat(dialect("postgresql").isDisconnect(top)).isFalse();
  }

  @Test
  void aNextExceptionsCauseIsWalked() {
    SQLException top = new SQLException("batch", "22001");
    top.setNextException(
        new SQLException("wrapper", "HY000", new SQLException("database closed", "90098", 90098)));
    assertThat(dialect("h2").isDisconnect(top)).isTrue();
  }

  @Test
  void aCycleInTheCauseChainEnds() {
    SQLException a = new SQLException("a", "22001");
    SQLException b = new SQLException("b", "22002");
    a.initCause(b);
    b.initCause(a);
    assertThat(dialect("postgresql").isDisconnect(a)).isFalse();
  }
}
