package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cistern.DatabaseUrl;
import dev.cistern.testkit.H2;
import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A wrong password rejected by a real server never comes back in what the failure says. */
class CanaryPasswordConnectTest {
  private static final String CANARY = "Canary7Pw-wrong";

  private static void assertCanaryAbsent(Throwable t) {
    StringWriter all = new StringWriter();
    t.printStackTrace(new PrintWriter(all));
    for (SQLException next =
            t instanceof SQLException ? ((SQLException) t).getNextException() : null;
        next != null;
        next = next.getNextException()) {
      next.printStackTrace(new PrintWriter(all));
    }
    assertThat(all.toString()).contains("Exception").doesNotContain("Canary7");
  }

  @Test
  void mariadbRejectsTheCanaryWithoutEchoingIt(@MariaDb TestDatabase db) {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl()).withPassword(CANARY);
    SQLException e =
        catchThrowableOfType(SQLException.class, () -> Dialects.forUrl(url).connect(url, "canary"));
    assertThat((Object) e).as("MariaDB must refuse the wrong password").isNotNull();
    assertCanaryAbsent(e);
  }

  @Test
  void h2RejectsTheCanaryWithoutEchoingIt(@H2 TestDatabase db) {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl()).withPassword(CANARY);
    SQLException e =
        catchThrowableOfType(SQLException.class, () -> Dialects.forUrl(url).connect(url, "canary"));
    assertThat((Object) e).as("H2 must refuse the wrong password").isNotNull();
    assertCanaryAbsent(e);
  }
}
