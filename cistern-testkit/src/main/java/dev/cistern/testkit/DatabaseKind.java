package dev.cistern.testkit;

/** The database servers the fixtures can provide an isolated database on. */
public enum DatabaseKind {
  /** A PostgreSQL server; each test gets its own schema in the configured database. */
  POSTGRESQL("postgresql", "PostgreSQL", "CISTERN_TEST_POSTGRES_URL", 5432),
  /** A MariaDB server; each test gets its own database. */
  MARIADB("mariadb", "MariaDB", "CISTERN_TEST_MARIADB_URL", 3306),
  /** An embedded H2 2.x engine; each test gets its own in-memory database. */
  H2("h2", "H2", null, -1),
  /** An embedded SQLite database; each test gets its own file in the temporary directory. */
  SQLITE("sqlite", "SQLite", null, -1);

  private final String dialect;
  private final String displayName;
  private final String urlVariable;
  private final int defaultPort;

  DatabaseKind(String dialect, String displayName, String urlVariable, int defaultPort) {
    this.dialect = dialect;
    this.displayName = displayName;
    this.urlVariable = urlVariable;
    this.defaultPort = defaultPort;
  }

  /**
   * The dialect name used as scheme of Cistern URLs, e.g. {@code postgresql}.
   *
   * @return the dialect name
   */
  public String dialect() {
    return dialect;
  }

  /**
   * A human readable product name, e.g. {@code PostgreSQL}.
   *
   * @return the product name
   */
  public String displayName() {
    return displayName;
  }

  /**
   * The environment variable that overrides the server URL, or {@code null} for the embedded H2.
   *
   * @return the variable's name, or {@code null}
   */
  public String urlVariable() {
    return urlVariable;
  }

  /**
   * The server's default TCP port, or {@code -1} for the embedded H2 and SQLite.
   *
   * @return the default port, or {@code -1}
   */
  public int defaultPort() {
    return defaultPort;
  }

  /**
   * Whether this kind is a network server (as opposed to the embedded H2 and SQLite).
   *
   * @return true for a network server
   */
  public boolean isServer() {
    return this == POSTGRESQL || this == MARIADB;
  }
}
