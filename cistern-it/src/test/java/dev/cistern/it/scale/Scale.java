package dev.cistern.it.scale;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cistern.testkit.server.PgBouncer;
import dev.cistern.testkit.server.PrivatePostgres;
import java.sql.SQLException;

/** Shared bits of the scale-out tests: fixture checks, SQLStates, figures for the docs. */
final class Scale {
  private Scale() {}

  private static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips without PgBouncer on a developer machine; in CI its absence is a failure. */
  static void requirePgBouncer() {
    if (ci() && !PgBouncer.isAvailable()) {
      throw new IllegalStateException(
          "pgbouncer is not installed (/usr/sbin/pgbouncer): .ci/run installs it; on a developer"
              + " machine: apt-get install pgbouncer");
    }
    assumeTrue(PgBouncer.isAvailable(), "pgbouncer is not installed: apt-get install pgbouncer");
  }

  /** Skips without the PostgreSQL cluster tools; in CI their absence is a failure. */
  static void requirePrivateClusters() {
    if (ci() && !PrivatePostgres.isAvailable()) {
      throw new IllegalStateException("private PostgreSQL clusters cannot be made on this machine");
    }
    assumeTrue(PrivatePostgres.isAvailable(), "no pg_createcluster / PostgreSQL 15 here");
  }

  /** The first SQLState in the cause chain, or the exception's class name. */
  static String state(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return e.getClass().getSimpleName();
  }

  /** Prints one figure for docs/SCALING.md. */
  static void report(String what, String figures) {
    System.out.println("[scale] " + what + ": " + figures);
  }
}
