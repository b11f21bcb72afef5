package dev.cistern.internal.engine;

import dev.cistern.DatabaseUrl;
import dev.cistern.DisposalReport;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an engine's reader connects: the URL of its read-only pool, made from the replica URLs the
 * builder was given or, for a multi-host PostgreSQL URL that asks for the primary, from the same
 * hosts.
 *
 * <p>On PostgreSQL the reader's URL lists the replicas' hosts, then the primary's, with pgjdbc's
 * {@code targetServerType=preferSecondary}: pgjdbc connects to a standby when one is up and falls
 * back to the primary when none is ({@code loadBalanceHosts=true} spreads connections over several
 * replicas). On other databases the reader's URL is the replicas' (their hosts, in order), with no
 * fallback.
 */
public final class ReadReplicas {
  private ReadReplicas() {}

  /**
   * Returns the reader's URL, or empty when the engine has no reader: no replica URLs and not a
   * multi-host PostgreSQL URL with {@code targetServerType=primary}.
   *
   * @throws IllegalArgumentException if a replica's dialect differs from the primary's
   */
  public static Optional<DatabaseUrl> readerUrl(DatabaseUrl primary, List<DatabaseUrl> replicas) {
    Dialect dialect = Dialects.forUrl(primary);
    boolean postgres = dialect.name().equals("postgresql");
    if (replicas.isEmpty()) {
      if (!Failover.watchesPrimary(primary, dialect)) {
        return Optional.empty();
      }
      return Optional.of(
          primary
              .withoutQueryParameter("targetServerType")
              .withQueryParameter("targetServerType", "preferSecondary"));
    }
    for (DatabaseUrl r : replicas) {
      if (r.isRawJdbc() || primary.isRawJdbc()) {
        throw new IllegalArgumentException(
            "read replicas need database URLs (postgresql://...), not raw JDBC URLs: " + r);
      }
      if (!Dialects.forUrl(r).name().equals(dialect.name())) {
        throw new IllegalArgumentException(
            "read replica "
                + r
                + " is "
                + Dialects.forUrl(r).name()
                + " but the engine's database is "
                + dialect.name()
                + ": a replica must be the same kind of database");
      }
    }
    List<DatabaseUrl.Host> hosts = new ArrayList<>();
    for (DatabaseUrl r : replicas) {
      addHosts(hosts, r.hosts());
    }
    if (postgres) {
      addHosts(hosts, primary.hosts()); // the fallback when no replica is up
    }
    DatabaseUrl url = replicas.get(0).withHosts(hosts);
    if (!postgres) {
      return Optional.of(url);
    }
    if (!has(url, "targetServerType")) {
      url = url.withQueryParameter("targetServerType", "preferSecondary");
    }
    if (replicas.size() > 1 && !has(url, "loadBalanceHosts")) {
      url = url.withQueryParameter("loadBalanceHosts", "true");
    }
    return Optional.of(url);
  }

  private static boolean has(DatabaseUrl url, String key) {
    return url.driverProperties().keySet().stream()
        .anyMatch(k -> k.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT)));
  }

  private static void addHosts(List<DatabaseUrl.Host> to, List<DatabaseUrl.Host> hosts) {
    for (DatabaseUrl.Host h : hosts) {
      if (!to.contains(h)) {
        to.add(h);
      }
    }
  }

  /**
   * One report for an engine and its reader: the counts added, the longer time, the errors and
   * leaks of both (the reader's marked {@code reader:}).
   */
  public static DisposalReport merge(DisposalReport primary, DisposalReport reader) {
    List<Throwable> errors = new ArrayList<>(primary.errors());
    errors.addAll(reader.errors());
    List<String> leaked = new ArrayList<>(primary.leaked());
    reader.leaked().forEach(l -> leaked.add("reader: " + l));
    Duration took = primary.took().compareTo(reader.took()) >= 0 ? primary.took() : reader.took();
    return new DisposalReport(
        primary.engineName(),
        primary.closedIdle() + reader.closedIdle(),
        primary.returnedDuringGrace() + reader.returnedDuringGrace(),
        primary.aborted() + reader.aborted(),
        took,
        errors,
        leaked);
  }
}
