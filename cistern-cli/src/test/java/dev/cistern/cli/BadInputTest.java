package dev.cistern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gives one line on standard error saying what is wrong and what to do, and
 * a non-zero exit; never a stack trace (unless --debug), never the password.
 */
class BadInputTest {
  private static final String CANARY = "CANARY-pw-7731";

  private static void oneLine(CliRun r, int code, String... fragments) {
    assertThat(r.code()).as("%s", r).isEqualTo(code);
    assertThat(r.err().strip().lines()).as("%s", r).hasSize(1);
    assertThat(r.err()).startsWith("cistern: ").contains(" — ").doesNotContain("\tat ");
    assertThat(r.err()).contains(fragments);
    assertThat(r.all()).doesNotContain(CANARY);
  }

  @Test
  void anUnparseableUrl() {
    CliRun r = CliRun.of("sql", "postgresql://app:" + CANARY + "@db:54x2/shop", "select 1");
    oneLine(r, 2, "invalid database URL", "bad port '54x2'", "postgresql://app:***@db:54x2/shop");
  }

  @Test
  void anUnknownOption() {
    oneLine(
        CliRun.of("sql", "--option", "poolSiz=3", "h2:mem:bad1", "select 1"),
        2,
        "unknown engine option 'poolSiz'",
        "did you mean 'poolSize'?");
    oneLine(
        CliRun.of("sql", "--option", "poolSize=lots", "h2:mem:bad2", "select 1"),
        2,
        "poolSize",
        "'lots'");
    oneLine(
        CliRun.of("sql", "--pool-size", "-1", "h2:mem:bad3", "select 1"),
        2,
        "poolSize must be >= 0, was -1");
    oneLine(
        CliRun.of("sql", "--option", "pool_timeout=PT-5S", "h2:mem:bad4", "select 1"),
        2,
        "poolTimeout must not be negative");
  }

  @Test
  void anUnknownFlag() {
    oneLine(CliRun.of("verify", "h2:mem:bad3", "--conections", "3"), 2, "--conections");
  }

  @Test
  void anUnreachableServer() {
    oneLine(
        CliRun.of("sql", "postgresql://postgres:" + CANARY + "@127.0.0.1:1/test", "select 1"),
        1,
        "cannot reach the database server",
        "check that it is running");
    oneLine(
        CliRun.of("verify", "mariadb://root:" + CANARY + "@127.0.0.1:1/test"),
        1,
        "cannot reach the database server");
  }

  @Test
  void wrongCredentialsOnMariaDb(@MariaDb TestDatabase db) {
    String url = "mariadb://root:" + CANARY + "@" + db.host() + ":" + db.port() + "/test";
    oneLine(CliRun.of("sql", url, "select 1"), 1, "refused the credentials", "SQLState 28000");
    oneLine(CliRun.of("verify", url), 1, "refused the credentials");
    oneLine(CliRun.of("demo", "--url", url), 1, "refused the credentials");
  }

  @Test
  void wrongCredentialsOnPostgres(@Postgres TestDatabase db) {
    String url = "postgresql://no_such_role_7731@" + db.host() + ":" + db.port() + "/test";
    oneLine(
        CliRun.with(Map.of("CISTERN_PASSWORD", CANARY), "sql", url, "select 1"),
        1,
        "refused the credentials",
        "no_such_role_7731");
  }

  @Test
  void passwordFromAFileIsUsedAndNeverPrinted(@MariaDb TestDatabase db, @TempDir Path dir)
      throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, CANARY + "\n");
    String url = "mariadb://root@" + db.host() + ":" + db.port() + "/test";
    CliRun r = CliRun.of("sql", "--password-file", pw.toString(), url, "select 1");
    oneLine(r, 1, "refused the credentials", "using password: YES");
    CliRun debug = CliRun.of("sql", "--debug", "--password-file", pw.toString(), url, "select 1");
    assertThat(debug.all()).contains("\tat ").doesNotContain(CANARY);
  }

  @Test
  void aMissingPasswordFile(@TempDir Path dir) {
    oneLine(
        CliRun.of("sql", "--password-file", dir.resolve("nope").toString(), "h2:mem:x", "select 1"),
        2,
        "cannot read the password file");
  }

  @Test
  void aMissingDriver() {
    oneLine(
        CliRun.of("sql", "hsqldb:mem:nodriver", "select 1"),
        1,
        "no JDBC driver for hsqldb",
        "org.hsqldb:hsqldb");
    oneLine(
        CliRun.of("sql", "jdbc:nosuchdb://x/y", "select 1"), 1, "no JDBC driver takes this URL");
  }

  @Test
  void anUnknownDatabase(@Postgres TestDatabase db) {
    String url = "postgresql://postgres@" + db.host() + ":" + db.port() + "/no_such_db_7731";
    oneLine(CliRun.of("sql", url, "select 1"), 1, "database does not exist");
  }

  @Test
  void aMistypedCommandOrFlagGetsASuggestion() {
    oneLine(
        CliRun.of("sq", "h2:mem:x", "select 1"), 2, "unknown command 'sq'", "did you mean 'sql'?");
    oneLine(
        CliRun.of("sql", "--pool-siz", "3", "h2:mem:x", "select 1"),
        2,
        "unknown option '--pool-siz'",
        "did you mean '--pool-size'?");
  }

  @Test
  void anOptionWithoutAValueSaysWhatIsMissing() {
    CliRun r = CliRun.of("sql", "--option", "poolSize", "h2:mem:x", "select 1");
    oneLine(r, 2, "--option needs name=value, e.g. --option poolSize=10");
    assertThat(r.err()).doesNotContain("option option");
    oneLine(CliRun.of("sql", "-p", "x", "h2:mem:x", "select :x"), 2, "-p needs name=value");
  }

  @Test
  void aDatabaseCisternDoesNotSupportIsSaidSo() {
    CliRun mssql = CliRun.of("sql", "mssql://sa@127.0.0.1/db", "select 1");
    oneLine(mssql, 2, "SQL Server is not supported", "postgresql", "mariadb");
    assertThat(mssql.err()).doesNotContain("mysql'?").doesNotContain("Did you mean");
    oneLine(
        CliRun.of("sql", "oracle://scott@127.0.0.1:1521/orcl", "select 1"),
        2,
        "Oracle is not supported");
  }

  @Test
  void anUnknownHostIsNamed() {
    oneLine(
        CliRun.of("sql", "postgresql://postgres@no-such-host-7731.invalid/test", "select 1"),
        1,
        "cannot reach the database server",
        "unknown host 'no-such-host-7731.invalid'");
  }

  @Test
  void aSqliteFileThatCannotBeOpenedIsShownWithItsPath(@TempDir Path dir) {
    Path file = dir.resolve("no/such/dir/x.db");
    CliRun r = CliRun.of("sql", "sqlite:///" + file, "select 1");
    oneLine(r, 1, "cannot open the SQLite database file", "does not exist", "sqlite:////");
    assertThat(r.err()).contains(file.toString(), file.getParent().toString());
    // three slashes: relative to the current directory, and the message shows where that led
    CliRun relative = CliRun.of("sql", "sqlite:///no-such-dir-7731/x.db", "select 1");
    oneLine(relative, 1, Path.of("no-such-dir-7731", "x.db").toAbsolutePath().toString());
  }
}
