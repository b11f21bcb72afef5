package dev.cistern.it;

import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.primaryKey;
import static org.jooq.impl.DSL.table;

import dev.cistern.Engine;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep2;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** jOOQ 3.19 (open-source edition): DSL, transactions, a savepoint rolled back, a lazy cursor. */
class JooqTest {
  static final Table<Record> BOOK = table(name("book"));
  static final Field<Integer> ID = field(name("id"), Integer.class);
  static final Field<String> TITLE = field(name("title"), String.class);

  static SQLDialect dialect(TestDatabase db) {
    return db.kind() == POSTGRESQL ? SQLDialect.POSTGRES : SQLDialect.MARIADB;
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void dslTransactionsSavepointAndLazyFetch(TestDatabase db) {
    String name = Its.name(db, "jooq");
    Engine engine = Engine.builder(db.cisternUrl()).name(name).build();
    try {
      // README "Works with": jOOQ
      DSLContext ctx = DSL.using(engine.dataSource(), dialect(db));
      ctx.createTable(BOOK)
          .column(ID, SQLDataType.INTEGER.notNull())
          .column(TITLE, SQLDataType.VARCHAR(100))
          .constraints(primaryKey(ID))
          .execute();
      ctx.insertInto(BOOK, ID, TITLE).values(1, "Dune").execute();
      assertThat(ctx.select(TITLE).from(BOOK).where(ID.eq(1)).fetchOne(TITLE)).isEqualTo("Dune");

      ctx.transaction(
          outer -> {
            DSL.using(outer).insertInto(BOOK, ID, TITLE).values(2, "Emma").execute();
            assertThatThrownBy(
                    () ->
                        DSL.using(outer)
                            .transaction(
                                inner -> {
                                  DSL.using(inner)
                                      .insertInto(BOOK, ID, TITLE)
                                      .values(3, "Kim")
                                      .execute();
                                  throw new IllegalStateException("undo the nested one");
                                }))
                .hasMessage("undo the nested one");
            DSL.using(outer).insertInto(BOOK, ID, TITLE).values(4, "Ulysses").execute();
          });
      assertThat(ctx.select(ID).from(BOOK).orderBy(ID).fetch(ID))
          .as("the savepoint rolled back, the outer transaction committed")
          .containsExactly(1, 2, 4);

      assertThatThrownBy(
              () ->
                  ctx.transaction(
                      tx -> {
                        DSL.using(tx).insertInto(BOOK, ID, TITLE).values(5, "Lost").execute();
                        throw new IllegalStateException("roll back");
                      }))
          .hasMessage("roll back");
      assertThat(ctx.fetchCount(BOOK)).isEqualTo(3);

      InsertValuesStep2<Record, Integer, String> many = ctx.insertInto(BOOK, ID, TITLE);
      for (int i = 100; i < 600; i++) {
        many = many.values(i, "book " + i);
      }
      many.execute();

      int seen = 0;
      try (Cursor<Record1<Integer>> cursor =
          ctx.select(ID).from(BOOK).orderBy(ID).fetchSize(50).fetchLazy()) {
        assertThat(engine.status().inUse()).as("the open cursor holds its connection").isOne();
        for (Record1<Integer> r : cursor) {
          assertThat(r.value1()).isNotNull();
          seen++;
        }
      }
      assertThat(seen).isEqualTo(503);
      assertThat(engine.status().inUse()).as("closing the cursor gave it back").isZero();
    } finally {
      Its.closeAndExpectNoSession(engine, db, name);
    }
  }
}
