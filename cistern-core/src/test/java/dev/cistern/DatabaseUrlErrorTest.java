package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class DatabaseUrlErrorTest {

  private static InvalidUrlException fail(String url) {
    InvalidUrlException e =
        catchThrowableOfType(InvalidUrlException.class, () -> DatabaseUrl.parse(url));
    assertThat(e).as("parse(%s) should fail", url).isNotNull();
    return e;
  }

  /** The character under the caret in the masked input. */
  private static String atCaret(InvalidUrlException e) {
    return e.maskedInput().substring(e.index());
  }

  @Test
  void noScheme() {
    InvalidUrlException e = fail("localhost/shop");
    assertThat(e.reason()).startsWith("no scheme").contains("postgresql");
    assertThat(e.index()).isZero();
    assertThat(fail("").reason()).contains("empty");
  }

  @Test
  void unknownDialectListsTheKnownOnesAndSuggestsTheNearest() {
    InvalidUrlException e = fail("postgress://u:pw@h/d");
    assertThat(e.reason())
        .contains("unknown dialect 'postgress'")
        .contains("postgresql", "mysql", "mariadb", "sqlite", "h2", "hsqldb")
        .contains("Did you mean 'postgresql'?");
    assertThat(e.maskedInput()).isEqualTo("postgress://u:***@h/d");
  }

  @Test
  void aDatabaseWithoutADialectIsNotSupportedRatherThanATypo() {
    InvalidUrlException mssql = fail("mssql://u:pw@h/d");
    assertThat(mssql.reason())
        .startsWith("SQL Server is not supported; dialects: ")
        .contains("postgresql", "mariadb", "raw jdbc: URL")
        .doesNotContain("Did you mean");
    assertThat(fail("oracle://u@h:1521/orcl").reason())
        .startsWith("Oracle is not supported; dialects: ")
        .doesNotContain("unknown dialect");
    assertThat(fail("SQLServer://h/d").reason()).startsWith("SQL Server is not supported");
  }

  @Test
  void badPortPointsAtIt() {
    InvalidUrlException e = fail("postgresql://app:pw@localhost:54x2/shop");
    assertThat(e.reason()).contains("bad port '54x2'").contains("1 to 65535");
    assertThat(atCaret(e)).startsWith("54x2");
    assertThat(e.getMessage())
        .isEqualTo(
            "invalid database URL: bad port '54x2': a port is a number from 1 to 65535"
                + System.lineSeparator()
                + "  postgresql://app:***@localhost:54x2/shop"
                + System.lineSeparator()
                + "  "
                + " ".repeat(31)
                + "^");
    assertThat(fail("postgresql://h:70000/d").reason()).contains("'70000'");
    assertThat(fail("postgresql://h:/d").reason()).contains("empty port");
  }

  @Test
  void unbalancedIpv6Brackets() {
    InvalidUrlException open = fail("postgresql://[::1:5432/d");
    assertThat(open.reason()).contains("unbalanced '['");
    assertThat(atCaret(open)).startsWith("[::1");
    assertThat(fail("postgresql://::1]:5432/d").reason()).contains("written in brackets");
    assertThat(fail("postgresql://h]/d").reason()).contains("unbalanced ']'");
    assertThat(fail("postgresql://[nothex]/d").reason())
        .contains("host 'nothex' in brackets is not an IPv6");
  }

  @Test
  void unescapedAtInPasswordEndsAtTheLastAtNotAWrongHost() {
    // SQLAlchemy 1.x read this as password "p" and host "ss@h"; a host cannot hold '@', so the
    // last '@' before the host ends the password, as browsers read it.
    DatabaseUrl u = DatabaseUrl.parse("postgresql://u:p@ss@h/d");
    assertThat(u.password()).contains("p@ss");
    assertThat(u.host()).contains("h");
    assertThat(u.toString()).isEqualTo("postgresql://u:***@h/d");
  }

  @Test
  void unescapedSlashInPasswordIsAnError() {
    InvalidUrlException e = fail("postgresql://u:pa/ss@h/d");
    assertThat(e.reason()).contains("unescaped '/'").contains("%2F");
    assertThat(e.getMessage()).doesNotContain("pa/ss");
  }

  @Test
  void questionMarkInPasswordGivesAHint() {
    InvalidUrlException e = fail("postgresql://u:pa?ss@h/d");
    assertThat(e.reason()).contains("%3F");
    assertThat(e.getMessage()).doesNotContain("pa?ss").doesNotContain("'pa'");
  }

  @Test
  void badPercentEscapes() {
    InvalidUrlException inDb = fail("postgresql://h/sh%zzop");
    assertThat(inDb.reason()).contains("bad percent-escape '%zz'").contains("%25");
    assertThat(atCaret(inDb)).startsWith("%zz");
    InvalidUrlException inPw = fail("postgresql://u:se%zzcret@h/d");
    assertThat(inPw.reason()).contains("in the password").doesNotContain("%zz");
    assertThat(inPw.getMessage()).doesNotContain("se%zz").doesNotContain("cret");
    assertThat(fail("postgresql://h/d%C").reason()).contains("bad percent-escape '%C'");
    assertThat(fail("postgresql://h/d%C3%28").reason()).contains("UTF-8");
  }

  @Test
  void optionErrorsNameTheKey() {
    InvalidUrlException wrongType = fail("postgresql://h/d?poolSize=lots");
    assertThat(wrongType.reason()).contains("poolSize must be a whole number, was 'lots'");
    assertThat(atCaret(wrongType)).startsWith("poolSize=lots");
    InvalidUrlException twice = fail("postgresql://h/d?poolSize=3&pool_size=4");
    assertThat(twice.reason()).contains("poolSize is given twice with different values");
    assertThat(fail("postgresql://h/d?poolTimeout=soon").reason())
        .contains("poolTimeout must be a duration");
    assertThat(fail("postgresql://h/d?poolClass=LAKE").reason()).contains("QUEUE, NULL, STATIC");
    assertThat(fail("postgresql://h/d?poolPrePing=perhaps").reason()).contains("true or false");
    assertThat(fail("postgresql://h/d?maxOverflow=-2").reason())
        .contains("maxOverflow must be >= -1, was -2");
  }

  @Test
  void otherShapeErrors() {
    assertThat(fail("postgresql:h/d").reason()).contains("expected '//'");
    assertThat(fail("h2:").reason()).contains("expected a database");
    assertThat(fail("postgresql+://h/d").reason()).contains("driver name after '+'");
    assertThat(fail("postgresql://h1,,h2/d").reason()).contains("empty host name");
    assertThat(fail("postgresql://h1,/d").reason()).contains("empty host name");
    assertThat(fail("postgresql://h/d?=x").reason()).contains("empty key");
    assertThat(fail("postgresql://h/d@x").reason()).contains("'@' in the database name");
    assertThat(fail("h2:mem:x?user=a&user=b").reason()).contains("user is given more than once");
    assertThat(fail("jdbc:").reason()).contains("driver name after 'jdbc:'");
    assertThat(fail("postgresql://h o/d").reason()).contains("bad character ' ' in host");
  }
}
