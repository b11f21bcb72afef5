package dev.cistern.it;

import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.Engine;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** pgjdbc's own API behind a borrowed connection: unwrap to PGConnection, then COPY. */
class PgCopyTest {
  @OnEachDatabase({POSTGRESQL})
  void unwrapToPgConnectionAndCopyInAndOut(TestDatabase db) throws Exception {
    String name = Its.name(db, "copy");
    Engine engine = Engine.builder(db.cisternUrl()).name(name).build();
    try {
      try (Connection c = engine.dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute("create table points (x int, y int)");
        assertThat(c.isWrapperFor(PGConnection.class)).isTrue();

        // README "Works with": pgjdbc's COPY
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long in =
            copy.copyIn(
                "COPY points (x, y) FROM STDIN WITH (FORMAT csv)",
                new StringReader("1,2\n3,4\n5,6\n"));

        assertThat(in).isEqualTo(3);
        StringWriter out = new StringWriter();
        long n =
            copy.copyOut(
                "COPY (select x, y from points order by x) TO STDOUT WITH (FORMAT csv)", out);
        assertThat(n).isEqualTo(3);
        assertThat(out.toString()).isEqualTo("1,2\n3,4\n5,6\n");
      }
      assertThat(Its.count(engine, "points")).isEqualTo(3);
      assertThat(engine.status().inUse()).isZero();
    } finally {
      Its.closeAndExpectNoSession(engine, db, name);
    }
  }
}
