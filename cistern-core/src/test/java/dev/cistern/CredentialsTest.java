package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialsTest {
  @Test
  void toStringMasksThePassword() {
    Credentials c = new Credentials("app", "s3cret-Token");
    assertThat(c).hasToString("Credentials[username=app, password=***]");
    assertThat(c.toString()).doesNotContain("s3cret");
    assertThat(c.password()).isEqualTo("s3cret-Token");
    assertThat(c.username()).isEqualTo("app");
  }

  @Test
  void anAbsentPasswordIsShownAsNull() {
    assertThat(new Credentials("app", null))
        .hasToString("Credentials[username=app, password=null]");
    assertThat(new Credentials("app", "")).hasToString("Credentials[username=app, password=***]");
  }

  @Test
  void equalityIsByValue() {
    assertThat(new Credentials("a", "b")).isEqualTo(new Credentials("a", "b"));
    assertThat(new Credentials("a", "b")).isNotEqualTo(new Credentials("a", "c"));
  }
}
