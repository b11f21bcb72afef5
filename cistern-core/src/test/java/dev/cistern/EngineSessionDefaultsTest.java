package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.sql.SQLException;

/**
 * The engine-wide session options on servers that enforce them: {@code readOnly} refuses writes on
 * every connection; {@code isolationLevel} is what each connection reports.
 */
class EngineSessionDefaultsTest {

  @OnEachDatabase({DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB})
  void aReadOnlyEngineReadsButRefusesWrites(TestDatabase db) throws SQLException {
    try (Engine setup = Engine.create(db.cisternUrl());
        SqlConnection c = setup.connect()) {
      c.execute("create table notes (id int primary key)");
      c.execute("insert into notes values (1)");
      c.commit();
    }
    try (Engine engine =
            Engine.builder(db.cisternUrl())
                .option(Option.READ_ONLY, true)
                .option(Option.ISOLATION_LEVEL, IsolationLevel.SERIALIZABLE)
                .build();
        SqlConnection c = engine.connect()) {
      assertThat(c.jdbc().isReadOnly()).isTrue();
      assertThat(c.isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
      assertThat(c.execute("select count(*) from notes").scalar(Long.class)).isEqualTo(1L);
      assertThatThrownBy(() -> c.execute("insert into notes values (2)"))
          .isInstanceOf(StatementException.class)
          .hasMessageContaining("SQLState 25006"); // read-only transaction, on both servers
    }
  }
}
