package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.internal.sql.SqlSyntax;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialectSqlSupportTest {
  private static Dialect dialect(String name) {
    return name.equals("jdbc") ? new GenericJdbcDialect() : Dialects.find(name).orElseThrow();
  }

  @ParameterizedTest(name = "{0}: {1}, {2} parameters, multi-row insert {3}")
  @CsvSource({
    "postgresql, POSTGRES, 32767, true",
    "mysql, MYSQL, 65535, true",
    "mariadb, MYSQL, 65535, true",
    "sqlite, ANSI, 32766, true",
    "h2, ANSI, 32767, true",
    "hsqldb, ANSI, 32767, true",
    "jdbc, ANSI, 2000, false",
  })
  void sqlSupportOfEachDialect(String name, SqlSyntax syntax, int maxParams, boolean multiRow) {
    Dialect d = dialect(name);
    assertThat(d.sqlSyntax()).isEqualTo(syntax);
    assertThat(d.maxBindParameters()).isEqualTo(maxParams);
    assertThat(d.supportsMultiRowInsert()).isEqualTo(multiRow);
  }
}
