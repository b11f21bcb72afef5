package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.DatabaseUrl;
import dev.cistern.DriverNotFoundException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import org.junit.jupiter.api.Test;

/** Which connect errors retrying cannot fix, per dialect, as the drivers really report them. */
class ConnectErrorClassificationTest {
  private static Dialect dialect(String url) {
    return Dialects.forUrl(DatabaseUrl.parse(url));
  }

  private static SQLException sql(String state, int code) {
    return new SQLException("x", state, code);
  }

  @Test
  void postgresql() {
    Dialect pg = dialect("postgresql://u@h/db");
    assertThat(pg.isPermanentConnectError(sql("28000", 0))).as("unknown role").isTrue();
    assertThat(pg.isPermanentConnectError(sql("28P01", 0))).as("wrong password").isTrue();
    assertThat(pg.isPermanentConnectError(sql("3D000", 0))).as("unknown database").isTrue();
    assertThat(pg.isPermanentConnectError(sql("08004", 0))).as("rejected").isTrue();
    assertThat(pg.isPermanentConnectError(sql("22023", 0))).as("bad property value").isTrue();
    assertThat(pg.isPermanentConnectError(sql("53300", 0))).as("too many connections").isFalse();
    assertThat(pg.isPermanentConnectError(sql("57P03", 0))).as("starting up").isFalse();
    SQLException refused = new SQLException("refused", "08001", new ConnectException("refused"));
    assertThat(pg.isPermanentConnectError(refused)).isFalse();
    assertThat(pg.isPermanentConnectError(sql("08006", 0))).isFalse();
    SQLException unknownHost =
        new SQLException("The connection attempt failed.", "08001", new UnknownHostException("x"));
    assertThat(pg.isPermanentConnectError(unknownHost)).as("unresolvable host").isTrue();
  }

  @Test
  void mariadb() {
    Dialect m = dialect("mariadb://u@h/db");
    assertThat(
            m.isPermanentConnectError(new SQLInvalidAuthorizationSpecException("d", "28000", 1045)))
        .isTrue();
    assertThat(m.isPermanentConnectError(new SQLSyntaxErrorException("d", "42000", 1044))).isTrue();
    assertThat(m.isPermanentConnectError(new SQLSyntaxErrorException("u", "42000", 1049))).isTrue();
    assertThat(m.isPermanentConnectError(new SQLSyntaxErrorException("i", "42000", 1102)))
        .as("Incorrect database name: retrying until poolTimeout cannot fix it")
        .isTrue();
    assertThat(m.isPermanentConnectError(sql("08004", 1040))).as("too many connections").isFalse();
    assertThat(m.isPermanentConnectError(sql("42000", 1203))).isFalse();
    assertThat(
            m.isPermanentConnectError(
                new SQLNonTransientConnectionException(
                    "Socket fail", "08000", new ConnectException("Connection refused"))))
        .isFalse();
    assertThat(
            m.isPermanentConnectError(
                new SQLException(
                    "error parsing url", null, new IllegalArgumentException("must be Integer"))))
        .as("bad driver property")
        .isTrue();
  }

  @Test
  void h2() {
    Dialect h2 = dialect("h2:mem:x");
    assertThat(h2.isPermanentConnectError(sql("28000", 28000))).isTrue();
    assertThat(h2.isPermanentConnectError(sql("90146", 90146))).as("IFEXISTS").isTrue();
    assertThat(h2.isPermanentConnectError(sql("90013", 90013))).isTrue();
    assertThat(h2.isPermanentConnectError(sql("90113", 90113))).as("bad setting").isTrue();
    assertThat(h2.isPermanentConnectError(sql("90067", 90067))).as("broken").isFalse();
    assertThat(h2.isPermanentConnectError(sql("90020", 90020))).as("in use").isFalse();
  }

  @Test
  void aMissingDriverOrAnyUncheckedErrorIsPermanent() {
    Dialect pg = dialect("postgresql://u@h/db");
    assertThat(pg.isPermanentConnectError(new DriverNotFoundException("p", "a.B", "g:a"))).isTrue();
    assertThat(pg.isPermanentConnectError(new IllegalStateException("driver bug"))).isTrue();
    assertThat(
            pg.isPermanentConnectError(
                Dialect.refused(DatabaseUrl.parse("postgresql://h/d"), "jdbc:x", "D")))
        .as("a driver that does not take the URL")
        .isTrue();
  }
}
