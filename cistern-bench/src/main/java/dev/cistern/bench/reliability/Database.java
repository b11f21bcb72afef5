package dev.cistern.bench.reliability;

import dev.cistern.testkit.DatabaseKind;

/** The database servers a scenario runs on: the shared loopback PostgreSQL and MariaDB. */
public enum Database {
  /** PostgreSQL, by default {@code postgresql://postgres@127.0.0.1:5432/test}. */
  POSTGRESQL(DatabaseKind.POSTGRESQL),
  /** MariaDB, by default {@code mariadb://root@127.0.0.1:3306/test}. */
  MARIADB(DatabaseKind.MARIADB);

  private final DatabaseKind kind;

  Database(DatabaseKind kind) {
    this.kind = kind;
  }

  /** The testkit's kind of this server. */
  public DatabaseKind kind() {
    return kind;
  }

  /** The product name shown in tables. */
  public String label() {
    return kind.displayName();
  }

  /** A statement that keeps the server busy for {@code millis} (a server-side sleep). */
  public String sleepSql(int millis) {
    String seconds = String.valueOf(millis / 1000.0);
    return this == POSTGRESQL
        ? "select pg_sleep(" + seconds + ")"
        : "select sleep(" + seconds + ")";
  }
}
