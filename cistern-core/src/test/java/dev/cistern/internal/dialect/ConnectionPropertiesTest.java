package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.DatabaseUrl;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionPropertiesTest {
  private static Properties props(String url, String app) {
    DatabaseUrl u = DatabaseUrl.parse(url);
    return Dialects.forUrl(u).connectionProperties(u, app);
  }

  @Test
  void postgresqlSetsApplicationNameCredentialsAndDriverProperties() {
    Properties p = props("postgresql://alice:p%40ss@h/db?sslmode=disable&poolSize=3", "orders");
    assertThat(p)
        .containsEntry("user", "alice")
        .containsEntry("password", "p@ss")
        .containsEntry("sslmode", "disable")
        .containsEntry("ApplicationName", "orders")
        .doesNotContainKey("poolSize")
        .hasSize(4);
  }

  @Test
  void theApplicationNameArgumentWinsOverTheUrl() {
    Properties p = props("postgresql://u@h/db?ApplicationName=fromurl", "engine");
    assertThat(p).containsEntry("ApplicationName", "engine");
  }

  @Test
  void noPasswordAndAnEmptyPasswordDiffer() {
    assertThat(props("postgresql://u@h/db", null))
        .containsEntry("user", "u")
        .doesNotContainKey("password")
        .doesNotContainKey("ApplicationName");
    assertThat(props("postgresql://u:@h/db", null)).containsEntry("password", "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "mysql", "mysql+mariadbconnector", "mysql+mysqlconnector"})
  void mysqlFamilyPutsTheNameInConnectionAttributes(String scheme) {
    Properties p = props(scheme + "://root:pw@h:3306/db?useCompression=true", "orders");
    assertThat(p)
        .containsEntry("user", "root")
        .containsEntry("password", "pw")
        .containsEntry("useCompression", "true")
        .containsEntry("connectionAttributes", "program_name:orders")
        .hasSize(4);
  }

  @Test
  void userGivenConnectionAttributesAreKept() {
    assertThat(props("mariadb://root@h/db?connectionAttributes=team:shop", "orders"))
        .containsEntry("connectionAttributes", "team:shop,program_name:orders");
    assertThat(props("mariadb://root@h/db?connectionAttributes=program_name:mine", "orders"))
        .containsEntry("connectionAttributes", "program_name:mine");
  }

  @Test
  void commasAndColonsCannotBreakTheAttributeList() {
    assertThat(props("mariadb://root@h/db", "a,b:c"))
        .containsEntry("connectionAttributes", "program_name:a_b_c");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"h2:mem:x?user=sa&password=pw", "hsqldb:mem:x?user=sa&password=pw", "sqlite://"})
  void embeddedDatabasesHaveNoApplicationNameProperty(String url) {
    Properties p = props(url, "orders");
    assertThat(p.stringPropertyNames()).allMatch(k -> k.equals("user") || k.equals("password"));
    assertThat(p.values()).doesNotContain("orders");
  }

  @Test
  void embeddedDatabasesGetTheCredentials() {
    assertThat(props("h2:mem:x?user=sa&password=pw", "orders"))
        .containsEntry("user", "sa")
        .containsEntry("password", "pw");
  }
}
