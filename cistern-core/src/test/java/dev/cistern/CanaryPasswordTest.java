package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.internal.url.UrlCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A canary password must never appear in an exception message, {@code toString()} or rendered text,
 * whatever shape the URL around it has. Any four characters of it in a row count as leaking.
 */
class CanaryPasswordTest {
  static final String CANARY = "Canary7Pw";

  private static List<String> fragments(String secret) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 4 <= secret.length(); i++) {
      out.add(secret.substring(i, i + 4));
    }
    return out;
  }

  private static void assertNoCanary(String text) {
    for (String f : fragments(CANARY)) {
      assertThat(text).as("leaks '%s'", f).doesNotContain(f);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://app:PW@db/shop",
        "postgresql://app:PW@db:54x2/shop",
        "postgresql://app:PW@db:99999/shop",
        "postgress://app:PW@db/shop",
        "app:PW@db/shop",
        "postgresql:app:PW@db/shop",
        "postgresql://app:PW@d b/shop",
        "postgresql://app:PW@[::1/shop",
        "postgresql://app:PW@db/sh%zzop",
        "postgresql://app:PW@db/shop?poolSize=lots",
        "postgresql://app:PW@db/shop?poolSize=1&pool_size=2",
        "postgresql://app:p@PW@db/shop",
        "postgresql://app:p/PW@db/shop",
        "postgresql://app:p?PW@db/shop",
        "postgresql://app:PW%zz@db/shop",
        "postgresql://app:PW%C3%28@db/shop",
        "postgresql://app:PW:more@db:x/shop",
        "postgresql://app:PW@db/shop?sslpassword=PW&password=PW",
        "postgresql://app:PW@db/shop?password=PW%zz",
        "h2:mem:x?user=sa&password=PW",
        "h2:mem:x?user=sa&password=PW&password=PW2",
        "h2:mem:x?password=PW&poolSize=-9",
        "jdbc:postgresql://db/shop?user=app&password=PW",
        "jdbc:mysql://app:PW@db/shop",
        "jdbc:h2:mem:x;USER=sa;PASSWORD=PW",
        "jdbc:oracle:thin:app/PW@db:1521/shop",
        "mysql+bad driver://app:PW@db/shop"
      })
  void canaryNeverShows(String template) {
    String url = template.replace("PW", CANARY);
    try {
      DatabaseUrl parsed = DatabaseUrl.parse(url);
      assertNoCanary(parsed.toString());
      assertNoCanary(parsed.render(true));
      assertNoCanary(String.valueOf(parsed.hosts()));
      assertNoCanary(String.valueOf(parsed.options()));
    } catch (InvalidUrlException e) {
      assertNoCanary(e.getMessage());
      assertNoCanary(e.reason());
      assertNoCanary(String.valueOf(e.maskedInput()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"p@ss/w:rd?", "", "***", "%41%42"})
  void builtUrlsMaskAnyPassword(String suffix) {
    String pw = CANARY + suffix;
    DatabaseUrl u = DatabaseUrl.of("mariadb", "app", pw, "db", 3306, "shop");
    assertNoCanary(u.toString());
    assertThat(u.render(false)).contains(UrlCodec.encode(pw, ""));
    DatabaseUrl h2 =
        DatabaseUrl.builder("h2").database("mem:x").username("sa").password(pw).build();
    assertNoCanary(h2.toString());
  }
}
