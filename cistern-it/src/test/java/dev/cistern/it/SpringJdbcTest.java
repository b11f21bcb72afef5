package dev.cistern.it;

import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.Engine;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring JDBC 6.2 without Boot: JdbcTemplate, DataSourceTransactionManager, TransactionTemplate.
 */
class SpringJdbcTest {
  @OnEachDatabase({POSTGRESQL, MARIADB})
  void commitRollbackReadOnlySerializableAndNested(TestDatabase db) throws Exception {
    String name = Its.name(db, "spring");
    Engine engine = Engine.builder(db.cisternUrl()).name(name).poolSize(1, 0).build();
    try {
      int defaultIsolation;
      try (Connection c = engine.dataSource().getConnection()) {
        defaultIsolation = c.getTransactionIsolation();
      }
      // README "Works with": Spring JDBC
      DataSource ds = engine.dataSource();
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));

      jdbc.execute("create table ledger (id int primary key, note varchar(50))");
      tx.executeWithoutResult(s -> jdbc.update("insert into ledger values (?, ?)", 1, "kept"));
      tx.executeWithoutResult(
          s -> {
            jdbc.update("insert into ledger values (?, ?)", 2, "undone");
            s.setRollbackOnly();
          });
      assertThatThrownBy(
              () ->
                  tx.executeWithoutResult(
                      s -> {
                        jdbc.update("insert into ledger values (?, ?)", 3, "thrown");
                        throw new IllegalStateException("boom");
                      }))
          .hasMessage("boom");
      assertThat(jdbc.queryForList("select id from ledger order by id", Integer.class))
          .containsExactly(1);

      TransactionTemplate readOnly = new TransactionTemplate(tx.getTransactionManager());
      readOnly.setReadOnly(true);
      readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
      readOnly.executeWithoutResult(
          s -> {
            Connection c = DataSourceUtils.getConnection(ds);
            try {
              assertThat(c.isReadOnly()).isTrue();
              assertThat(c.getTransactionIsolation())
                  .isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            } catch (java.sql.SQLException e) {
              throw new IllegalStateException(e);
            }
            assertThat(jdbc.queryForObject("select count(*) from ledger", Integer.class)).isOne();
            assertThatThrownBy(() -> jdbc.update("insert into ledger values (9, 'no')"))
                .as("a write in a read-only transaction")
                .isInstanceOf(DataAccessException.class);
            s.setRollbackOnly(); // PostgreSQL aborted the transaction: commit would fail
          });
      try (Connection next = ds.getConnection()) {
        assertThat(next.getAutoCommit()).isTrue();
        assertThat(next.isReadOnly()).isFalse();
        assertThat(next.getTransactionIsolation()).isEqualTo(defaultIsolation);
      }

      TransactionTemplate nested = new TransactionTemplate(tx.getTransactionManager());
      nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
      tx.executeWithoutResult(
          outer -> {
            jdbc.update("insert into ledger values (?, ?)", 4, "outer");
            nested.executeWithoutResult(
                inner -> {
                  jdbc.update("insert into ledger values (?, ?)", 5, "inner");
                  inner.setRollbackOnly();
                });
            jdbc.update("insert into ledger values (?, ?)", 6, "outer again");
          });
      assertThat(jdbc.queryForList("select id from ledger order by id", Integer.class))
          .as("the savepoint rolled back, the outer transaction committed")
          .containsExactly(1, 4, 6);
      assertThat(engine.status().inUse()).isZero();
    } finally {
      Its.closeAndExpectNoSession(engine, db, name);
    }
  }
}
