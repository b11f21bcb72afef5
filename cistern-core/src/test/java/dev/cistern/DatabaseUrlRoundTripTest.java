package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** {@code parse(render(false))} gives back an equal URL, for URLs built from arbitrary parts. */
class DatabaseUrlRoundTripTest {

  @Property(tries = 2000)
  void renderThenParseGivesAnEqualUrl(@ForAll("urls") DatabaseUrl url) {
    String text = url.render(false);
    assertThat(DatabaseUrl.parse(text)).as(text).isEqualTo(url);
  }

  @Property(tries = 1000)
  void toStringNeverShowsThePassword(@ForAll("urls") DatabaseUrl url) {
    if (url.password().isPresent()) {
      assertThat(url.withPassword("other-secret").toString()).isEqualTo(url.toString());
      assertThat(url.toString()).contains("***");
    }
  }

  /** Any text without lone surrogates: every character a user could type, and then some. */
  private static Arbitrary<String> text(int min, int max) {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars("éüß€中文\u00a0\t\n%@/:?#[],&=+")
        .ofMinLength(min)
        .ofMaxLength(max);
  }

  /** Text for a user or database name: no control characters, which names refuse. */
  private static Arbitrary<String> name(int min, int max) {
    return text(min, max).filter(t -> t.chars().noneMatch(Character::isISOControl));
  }

  private static Arbitrary<String> hostName() {
    Arbitrary<String> name =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .numeric()
            .withChars("-.")
            .ofMinLength(1)
            .ofMaxLength(12);
    Arbitrary<String> ipv6 = Arbitraries.of("::1", "fe80::1", "2001:db8::7", "::ffff:10.0.0.1");
    return Arbitraries.frequencyOf(Tuple.of(5, name), Tuple.of(1, ipv6));
  }

  @Provide
  Arbitrary<DatabaseUrl> urls() {
    Arbitrary<String> dialect =
        Arbitraries.of("postgresql", "mysql", "mariadb", "sqlite", "h2", "hsqldb");
    Arbitrary<String> driver =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8).injectNull(0.7);
    Arbitrary<List<DatabaseUrl.Host>> hosts =
        Combinators.combine(hostName(), Arbitraries.integers().between(1, 65535).injectNull(0.5))
            .as((h, p) -> new DatabaseUrl.Host(h, p == null ? DatabaseUrl.Host.NO_PORT : p))
            .list()
            .ofMaxSize(3);
    Arbitrary<List<Tuple.Tuple2<String, String>>> query =
        // a key never holds '@' or '/', and the prefix keeps it far from every option's name
        Combinators.combine(
                text(1, 8)
                    .filter(k -> k.indexOf('@') < 0 && k.indexOf('/') < 0)
                    .map(k -> "drv." + k),
                text(0, 10))
            .as(Tuple::of)
            .list()
            .ofMaxSize(4);
    return Combinators.combine(
            dialect,
            driver,
            name(0, 10).injectNull(0.3),
            text(0, 12).injectNull(0.3),
            hosts,
            name(0, 16).injectNull(0.3),
            query)
        .as(
            (d, drv, user, pw, hs, db, q) -> {
              DatabaseUrl.Builder b =
                  DatabaseUrl.builder(d).driver(drv).username(user).password(pw).database(db);
              hs.forEach(h -> b.host(h.name(), h.port()));
              q.forEach(kv -> b.queryParameter(kv.get1(), kv.get2()));
              return b.build();
            });
  }
}
