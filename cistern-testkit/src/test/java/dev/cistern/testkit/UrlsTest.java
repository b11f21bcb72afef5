package dev.cistern.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void parsesCisternUrlWithEncodedCredentials() {
    ServerEndpoint e =
        ServerEndpoint.parse(
            DatabaseKind.POSTGRESQL,
            "postgresql://us%40er:p%3Ass+w@db.example:6543/app?sslmode=off");
    assertThat(e.user()).isEqualTo("us@er");
    assertThat(e.password()).isEqualTo("p:ss+w");
    assertThat(e.host()).isEqualTo("db.example");
    assertThat(e.port()).isEqualTo(6543);
    assertThat(e.database()).isEqualTo("app");
    assertThat(e.parameters()).containsExactly(Map.entry("sslmode", "off"));
    assertThat(e.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/app?sslmode=off");
  }

  @Test
  void acceptsJdbcUrlsWithCredentialsInTheQueryAndDefaultPorts() {
    ServerEndpoint e =
        ServerEndpoint.parse(
            DatabaseKind.MARIADB, "jdbc:mariadb://localhost/test?user=root&password=");
    assertThat(e.user()).isEqualTo("root");
    assertThat(e.password()).isEmpty();
    assertThat(e.port()).isEqualTo(3306);
    assertThat(e.parameters()).isEmpty();
    assertThat(e.jdbcUrl()).isEqualTo("jdbc:mariadb://localhost:3306/test");
  }

  @Test
  void rejectsAUrlOfAnotherServer() {
    assertThatThrownBy(
            () -> ServerEndpoint.parse(DatabaseKind.POSTGRESQL, "mariadb://root@127.0.0.1/test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a PostgreSQL URL");
  }

  @Test
  void percentEncodesEverythingButUnreservedCharacters() {
    assertThat(UrlText.encode("a-Z_0.~ p@s:s/é")).isEqualTo("a-Z_0.~%20p%40s%3As%2F%C3%A9");
  }

  @Test
  void h2CisternUrlNamesTheInMemoryDatabase(@H2 TestDatabase db) {
    assertThat(db.cisternUrl()).isEqualTo("h2:mem:" + db.name() + "?user=sa");
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:h2:mem:" + db.name() + ";DB_CLOSE_DELAY=-1");
    assertThat(db.databaseName()).isEqualTo(db.name());
    assertThat(db.schemaName()).isEqualTo("PUBLIC");
  }

  @Test
  void postgresCisternUrlSelectsTheSchemaAndEncodesThePassword(@Postgres TestDatabase any)
      throws SQLException {
    ServerEndpoint s = any.server();
    ServerEndpoint withPassword =
        new ServerEndpoint(
            DatabaseKind.POSTGRESQL,
            s.host(),
            s.port(),
            s.user(),
            "p@ss w:rd",
            s.database(),
            Map.of());
    try (TestDatabase db = TestDatabase.create(withPassword)) {
      assertThat(db.cisternUrl())
          .isEqualTo(
              "postgresql://"
                  + UrlText.encode(s.user())
                  + ":p%40ss%20w%3Ard@"
                  + s.address()
                  + "/"
                  + s.database()
                  + "?currentSchema="
                  + db.name());
      assertThat(db.schemaName()).isEqualTo(db.name());
      assertThat(db.databaseName()).isEqualTo(s.database());
      assertThat(queryThroughCisternUrl(db, "select current_schema()")).isEqualTo(db.name());
    }
  }

  @Test
  void mariaDbCisternUrlNamesTheDatabase(@MariaDb TestDatabase db) throws SQLException {
    assertThat(db.cisternUrl()).endsWith("@" + db.host() + ":" + db.port() + "/" + db.name());
    assertThat(db.cisternUrl()).startsWith("mariadb://");
    assertThat(queryThroughCisternUrl(db, "select database()")).isEqualTo(db.name());
  }

  /** Parses the Cistern URL back and runs a query on the database it names. */
  private static String queryThroughCisternUrl(TestDatabase db, String sql) throws SQLException {
    ServerEndpoint parsed = ServerEndpoint.parse(db.kind(), db.cisternUrl());
    assertThat(parsed.password()).isEqualTo(db.password());
    try (Connection c = DriverManager.getConnection(parsed.jdbcUrl(), parsed.credentials());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
