package dev.cistern.internal.engine;

import dev.cistern.DatabaseUrl;
import dev.cistern.internal.dialect.Dialect;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How an engine on a multi-host PostgreSQL URL that asks for the primary ({@code
 * targetServerType=primary}) notices a failover: besides the dialect's disconnect errors, SQLState
 * {@code 25006} (read-only SQL transaction) means the server this connection reached is no longer
 * the primary (demoted, or a standby the connection outlived), so the connection is invalidated and
 * every other connection of the pool is replaced at its next checkout, which connects through
 * pgjdbc's host list to the new primary. Also a connection the borrower made read-only gets 25006
 * for a write: it is then replaced too, which costs a reconnect but no error beyond the one the
 * borrower already has.
 */
final class Failover {
  /** SQLState of "cannot execute ... in a read-only transaction". */
  static final String READ_ONLY_TRANSACTION = "25006";

  private static final Set<String> PRIMARY_TARGETS = Set.of("primary", "master");

  private Failover() {}

  /** Whether the URL names several hosts and asks pgjdbc for the primary among them. */
  static boolean watchesPrimary(DatabaseUrl url, Dialect dialect) {
    if (!dialect.name().equals("postgresql") || url.hosts().size() < 2) {
      return false;
    }
    String target = url.driverProperties().get("targetServerType");
    return target != null && PRIMARY_TARGETS.contains(target.toLowerCase(Locale.ROOT));
  }

  /** The pool's disconnect test: the dialect's, plus 25006 when the URL watches the primary. */
  static Predicate<SQLException> disconnectTest(DatabaseUrl url, Dialect dialect) {
    if (!watchesPrimary(url, dialect)) {
      return dialect::isDisconnect;
    }
    return e -> dialect.isDisconnect(e) || Dialect.hasSqlState(e, READ_ONLY_TRANSACTION);
  }
}
