package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cistern.internal.url.UrlCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile configuration (issue 15, scenario 8): every option with negative, zero, huge, malformed
 * and mistyped values, through each door (URL query, {@code optionText}, {@code fromProperties});
 * passwords with every special character; control characters in names; a 100,000-character host.
 *
 * <p>Each value is either accepted and honoured (the engine reports it, and an H2 engine opens a
 * connection with it and closes in bounded time) or refused at once with an {@link
 * IllegalArgumentException} or {@link CisternException} naming the option and the value and saying
 * what is expected; nothing else escapes (no {@code ArithmeticException}, {@code
 * NumberFormatException}, {@code DateTimeException}, NPE), and nothing hangs.
 */
class HostileConfigurationTest {
  private static final String CANARY = "Canary7Pw";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  /** Negative, zero, huge, malformed and mistyped values; every option gets every one. */
  static final List<String> VALUES =
      List.of(
          "-1",
          "-2",
          "-9223372036854775808",
          "0",
          "-0",
          "+5",
          "9223372036854775807",
          "99999999999999999999",
          "2147483647",
          "2147483648",
          "PT9999999H",
          "PT-5S",
          "P1000000000D",
          "abc",
          "1.5",
          "",
          "  ",
          "10 s",
          "0x10",
          "1e3",
          "NaN",
          "5,000",
          "1_000",
          "ture",
          "flase",
          "ROLLBAK",
          "read_comitted",
          "QUEU",
          "30 sec",
          "5mins",
          "10S",
          "-5s",
          "a\nb",
          "a\u0000b");

  /** What a refusal must say: the expected form. */
  private static final Pattern EXPECTED =
      Pattern.compile("must|expected|one of|such as|at most|at least|>=");

  static Stream<Option<?>> options() {
    return Option.values().stream();
  }

  /** One way in: makes an engine from an option's text. */
  private interface Door {
    Engine open(Option<?> option, String text);
  }

  private static String freshDatabase() {
    return "h2:mem:hostile" + DATABASES.incrementAndGet();
  }

  private static final Door URL =
      (o, text) -> Engine.create(freshDatabase() + "?" + o.key() + "=" + UrlCodec.encode(text, ""));
  private static final Door PARSED_URL =
      (o, text) ->
          Engine.create(
              DatabaseUrl.parse(
                  freshDatabase() + "?" + snake(o) + "=" + UrlCodec.encode(text, "")));
  private static final Door OPTION_TEXT =
      (o, text) -> Engine.builder(freshDatabase()).optionText(o, text).build();
  private static final Door PROPERTIES =
      (o, text) -> {
        Properties p = new Properties();
        p.setProperty("cistern.url", freshDatabase());
        p.setProperty("cistern." + o.key(), text);
        return Engine.fromProperties(p, "cistern.");
      };

  private static String snake(Option<?> o) {
    return o.names().size() > 1 ? o.names().get(1) : o.key();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void everyValueThroughEveryDoorIsHonouredOrRefusedAtOnce(Option<?> option) {
    List<String> problems = new ArrayList<>();
    for (String value : VALUES) {
      Object expected;
      Throwable parseError = catchThrowable(() -> option.parse(value));
      expected = parseError == null ? option.parse(value) : null;
      if (parseError != null) {
        check(problems, "parse", option, value, parseError);
      }
      for (Door door : List.of(URL, PARSED_URL, OPTION_TEXT, PROPERTIES)) {
        String where =
            door == URL
                ? "url"
                : door == PARSED_URL
                    ? "url(snake)"
                    : door == OPTION_TEXT ? "optionText" : "properties";
        Engine[] engine = new Engine[1];
        Throwable t =
            catchThrowable(
                () ->
                    assertTimeoutPreemptively(
                        Duration.ofSeconds(5), () -> engine[0] = door.open(option, value)));
        if (t != null) {
          // a door may refuse more than parse does (minIdle above poolSize), but just as clearly
          check(problems, where, option, value, t);
          continue;
        }
        if (parseError != null) {
          problems.add(where + " accepted what parse refuses: " + option + "=" + show(value));
        }
        try {
          Object got = engine[0].option(option);
          if (!Objects.equals(got, expected)) {
            problems.add(
                where
                    + " "
                    + option
                    + "="
                    + show(value)
                    + ": engine reports "
                    + got
                    + ", parse gives "
                    + expected);
          }
          Throwable used =
              catchThrowable(
                  () ->
                      assertTimeoutPreemptively(
                          Duration.ofSeconds(5),
                          () -> {
                            try (SqlConnection c = engine[0].connect()) {
                              assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
                            }
                          }));
          if (used != null) {
            problems.add(where + " " + option + "=" + show(value) + ": using it failed: " + used);
          }
        } finally {
          Throwable closed =
              catchThrowable(
                  () ->
                      assertTimeoutPreemptively(
                          Duration.ofSeconds(5), () -> engine[0].close(Duration.ofSeconds(1))));
          if (closed != null) {
            problems.add(where + " " + option + "=" + show(value) + ": close failed: " + closed);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** A refusal is an IAE or CisternException naming the option and the value, saying the form. */
  private static void check(
      List<String> problems, String where, Option<?> option, String value, Throwable t) {
    String head = where + " " + option + "=" + show(value) + ": ";
    if (!(t instanceof IllegalArgumentException) && !(t instanceof CisternException)) {
      problems.add(head + "raw " + t);
      return;
    }
    String msg =
        t instanceof InvalidUrlException ? ((InvalidUrlException) t).reason() : t.getMessage();
    if (option.names().stream().noneMatch(msg::contains)) {
      problems.add(head + "message does not name the option: " + msg);
    }
    String v = value.strip();
    boolean control = value.chars().anyMatch(Character::isISOControl);
    if (control) {
      if (msg.chars().anyMatch(c -> c == '\n' || c == 0)) {
        problems.add(head + "message echoes a control character raw: " + show(msg));
      }
    } else if (v.isEmpty()
        ? !(msg.contains("''") || msg.contains("empty") || msg.contains("none"))
        : !msg.contains(v)) {
      problems.add(head + "message does not name the value: " + msg);
    }
    if (!EXPECTED.matcher(msg).find()) {
      problems.add(head + "message does not say what is expected: " + msg);
    }
  }

  private static String show(String s) {
    return "'" + s.replace("\n", "\\n").replace("\u0000", "\\0") + "'";
  }

  // ---- regressions, one per defect found ----

  @Test
  void aPoolOfTheLargestSizeStillOpensConnections() {
    // poolSize + maxOverflow wrapped to a negative maximum: no connection could open, and
    // connect() waited out poolTimeout
    assertThat(
            dev.cistern.internal.pool.PoolConfig.defaults("p")
                .withSize(Integer.MAX_VALUE, Integer.MAX_VALUE)
                .maxSize())
        .isEqualTo(Integer.MAX_VALUE);
    try (Engine e =
        Engine.builder(freshDatabase())
            .poolSize(Integer.MAX_VALUE, 10)
            .option(Option.POOL_TIMEOUT, Duration.ofSeconds(2))
            .option(Option.SHUTDOWN_HOOK, false)
            .build()) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () -> {
            try (SqlConnection c = e.connect()) {
              assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
            }
          });
    }
  }

  @Test
  void valueMessagesNameTheValueAsWritten() {
    assertThat(catchThrowable(() -> Option.POOL_SIZE.parse("9223372036854775807")))
        .hasMessage(
            "poolSize must be at most 2147483647, was '9223372036854775807' (0 means no limit)");
    assertThat(catchThrowable(() -> Option.MAX_USES.parse("99999999999999999999")))
        .hasMessage(
            "maxUses must be at most 9223372036854775807, was '99999999999999999999' (0 means no"
                + " limit)");
    assertThat(catchThrowable(() -> Option.VALIDATION_TIMEOUT.parse("-1")))
        .hasMessageContaining("validationTimeout must be positive")
        .hasMessageContaining("written '-1'");
    assertThat(catchThrowable(() -> Option.POOL_TIMEOUT.parse("PT-5S")))
        .hasMessageContaining("must not be negative")
        .hasMessageContaining("'PT-5S'");
    assertThat(catchThrowable(() -> Option.POOL_TIMEOUT.parse("-5s")))
        .hasMessage(
            "poolTimeout must not be negative, was '-5s' (0 or -1 means off where the option"
                + " allows it)");
    assertThat(catchThrowable(() -> Option.POOL_SIZE.parse("a\nb")))
        .hasMessage("poolSize must be a whole number, was 'a\\nb'");
    // a bare number of seconds too long for a long of nanoseconds is "as long as it takes"
    Duration forever = Option.POOL_TIMEOUT.parse("99999999999999999999");
    assertThat(forever).isEqualTo(Option.POOL_TIMEOUT.parse("PT9999999H"));
    assertThat(forever.toNanos()).isEqualTo(Long.MAX_VALUE);
    assertThat(Option.POOL_TIMEOUT.parse("-0")).isZero();
  }

  // ---- typo'd keys ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void aQueryKeyOneEditFromAnOptionIsRefusedWithTheOption(Option<?> option) {
    String key = option.key();
    List<String> typos = new ArrayList<>();
    typos.add(key.substring(0, key.length() - 1)); // poolSiz
    typos.add(key.toLowerCase(java.util.Locale.ROOT) + (key.equals(key.toLowerCase()) ? "s" : ""));
    typos.add(option.environmentVariable().substring("CISTERN_".length())); // POOL_SIZE
    if (key.length() >= 6) {
      // swap two letters in the middle: poolSzie
      char[] c = key.toCharArray();
      int i = key.length() / 2;
      char x = c[i];
      c[i] = c[i + 1];
      c[i + 1] = x;
      typos.add(new String(c));
    }
    for (String typo : typos) {
      if (Option.byName(typo).isPresent()) {
        continue;
      }
      InvalidUrlException e =
          catchThrowableOfType(
              InvalidUrlException.class, () -> DatabaseUrl.parse("h2:mem:x?" + typo + "=3"));
      assertThat(e).as("?%s=3 must be refused", typo).isNotNull();
      assertThat(e.reason()).contains("'" + typo + "'").contains("did you mean " + key);
      assertThat(e.maskedInput().substring(e.index())).startsWith(typo);
      InvalidUrlException built =
          catchThrowableOfType(
              InvalidUrlException.class,
              () -> DatabaseUrl.builder("h2").database("mem:x").queryParameter(typo, "3").build());
      assertThat(built).as("builder ?%s=3 must be refused", typo).isNotNull();
      assertThat(built.reason()).contains("did you mean " + key);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sslmode",
        "connectTimeout",
        "socketTimeout",
        "tcpKeepAlive",
        "loginTimeout",
        "MODE",
        "LOCK_TIMEOUT",
        "PAGE_SIZE",
        "CACHE_SIZE",
        "DB_CLOSE_DELAY",
        "maxPoolSize",
        "minPoolSize",
        "poolName",
        "ApplicationName",
        "readOnlyMode",
        "defaultRowFetchSize",
        "prepareThreshold",
        "useSSL",
        "maxRows",
        "busy_timeout"
      })
  void driverPropertiesFarFromEveryOptionStillPassThrough(String key) {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://h/d?" + key + "=1");
    assertThat(u.driverProperties()).containsEntry(key, "1");
    assertThat(u.options()).isEmpty();
  }

  @Test
  void theUrlAndPropertiesAgreeOnTypos() {
    Properties p = new Properties();
    p.setProperty("cistern.url", "h2:mem:x");
    p.setProperty("cistern.poolSiz", "3");
    assertThat(catchThrowable(() -> Engine.fromProperties(p, "cistern.")))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("poolSize");
    assertThat(catchThrowable(() -> Engine.create("h2:mem:x?poolSiz=3")))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("did you mean poolSize");
  }

  // ---- query keys, hosts ----

  @ParameterizedTest
  @ValueSource(strings = {"a@b=1", "a/b=1", "@127.0.0.1/db", "x%40y=1", "x%2Fy=1"})
  void atOrSlashInAQueryKeyIsAnError(String query) {
    InvalidUrlException e =
        catchThrowableOfType(
            InvalidUrlException.class, () -> DatabaseUrl.parse("postgresql://h/d?" + query));
    assertThat(e).as(query).isNotNull();
    assertThat(e.reason()).contains("query key");
    assertThat(
            catchThrowableOfType(
                InvalidUrlException.class,
                () ->
                    DatabaseUrl.builder("postgresql")
                        .host("h")
                        .queryParameter(query.contains("@") ? "a@b" : "a/b", "1")
                        .build()))
        .isNotNull();
  }

  @Test
  void atAndSlashInQueryValuesStayAllowed() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://h/d?sslcert=/etc/ssl/a@b.pem");
    assertThat(u.driverProperties()).containsEntry("sslcert", "/etc/ssl/a@b.pem");
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql://ho%st/d", "postgresql://u@h%41/d", "postgresql://h%/d"})
  void percentInAHostIsAnError(String url) {
    InvalidUrlException e =
        catchThrowableOfType(InvalidUrlException.class, () -> DatabaseUrl.parse(url));
    assertThat(e).as(url).isNotNull();
    assertThat(e.reason()).contains("'%' in host");
    assertThat(
            catchThrowableOfType(
                InvalidUrlException.class,
                () -> DatabaseUrl.of("postgresql", null, null, "ho%st", null, "d")))
        .isNotNull();
  }

  @Test
  void anIpv6ZoneKeepsItsPercent() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://[fe80::1%25eth0]:5432/d");
    assertThat(u.host()).contains("fe80::1%25eth0");
  }

  @Test
  void theReportedPasswordIsRefusedWithoutShowingAnyOfIt() {
    // was: host 'ss%w', and the connect error printed that fragment of the password
    String password = "p@ss%w/rd:x?";
    InvalidUrlException e =
        catchThrowableOfType(
            InvalidUrlException.class,
            () -> DatabaseUrl.parse("mariadb://newbie:" + password + "@127.0.0.1/db"));
    assertThat(e).isNotNull();
    assertThat(e.reason()).contains("password").contains("%40").contains("%2F").contains("%3F");
    assertThat(e.reason()).contains("%25");
    // every piece of the password between its special characters, and each with its neighbours
    assertThat(e.getMessage())
        .doesNotContain("ss%w")
        .doesNotContain("%w")
        .doesNotContain("w/")
        .doesNotContain("/rd")
        .doesNotContain("rd:x")
        .doesNotContain(":x")
        .doesNotContain("x?")
        .doesNotContain("p@ss");
    assertThat(e.maskedInput()).isEqualTo("mariadb://newbie:***@127.0.0.1/db");
    // encoded, it is exactly the password
    DatabaseUrl ok =
        DatabaseUrl.parse("mariadb://newbie:" + UrlCodec.encode(password, "") + "@127.0.0.1/db");
    assertThat(ok.password()).contains(password);
    assertThat(ok.host()).contains("127.0.0.1");
    assertThat(ok.database()).contains("db");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mariadb://newbie:p@ssw/rd?x=1@127.0.0.1/db",
        "mariadb://newbie:pw?x=1@127.0.0.1:3306",
        "mariadb://newbie:pw?x=1@[::1]:3306/db",
        "mariadb://newbie:p/w?x=1@127.0.0.1/db"
      })
  void aPasswordThatEndsTheHostPartEarlyIsRefusedEvenWhenTheRestParses(String url) {
    InvalidUrlException e =
        catchThrowableOfType(InvalidUrlException.class, () -> DatabaseUrl.parse(url));
    assertThat(e).as(url).isNotNull();
    assertThat(e.reason()).contains("password").contains("%40").contains("%3F");
    assertThat(e.getMessage()).doesNotContain("p@ssw").doesNotContain("ssw/").doesNotContain("x=1");
  }

  @Test
  void anUnencodedAtInThePasswordIsTheLastAtBeforeTheHost() {
    DatabaseUrl u = DatabaseUrl.parse("mariadb://newbie:p@ss@127.0.0.1:3306/db");
    assertThat(u.username()).contains("newbie");
    assertThat(u.password()).contains("p@ss");
    assertThat(u.host()).contains("127.0.0.1");
    assertThat(u.port()).contains(3306);
    assertThat(u.database()).contains("db");
    assertThat(u.toString()).doesNotContain("p@ss").contains("newbie:***@127.0.0.1");
    assertThat(DatabaseUrl.parse(u.render(false))).isEqualTo(u);
    DatabaseUrl user = DatabaseUrl.parse("postgresql://me@corp.example:pw@h/d");
    assertThat(user.username()).contains("me@corp.example");
    assertThat(user.password()).contains("pw");
  }

  // ---- passwords ----

  private static final String SPECIAL =
      "@%/:?#&=+ ;'\"\\!$*(),[]{}<>|^`~\t\u00e9\u20ac\ud83d\ude00";

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

  static Stream<String> passwords() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < SPECIAL.length(); i++) {
      int cp = SPECIAL.codePointAt(i);
      String c = new String(Character.toChars(cp));
      if (Character.charCount(cp) == 2) {
        i++;
      }
      out.add(CANARY + c + "x");
      out.add(c + CANARY);
    }
    out.add(CANARY + SPECIAL);
    out.add("p@ss%w/rd:x?#&=+ ;'\"\\" + CANARY);
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("passwords")
  void aRawPasswordIsReadExactlyOrRefusedWithoutShowingIt(String password) {
    String url = "postgresql://app:" + password + "@db:5432/shop";
    Throwable t = catchThrowable(() -> DatabaseUrl.parse(url));
    if (t == null) {
      DatabaseUrl u = DatabaseUrl.parse(url);
      assertThat(u.username()).contains("app");
      assertThat(u.password()).as("raw %s", password).contains(password);
      assertThat(u.hosts()).hasToString("[db:5432]");
      assertThat(u.database()).contains("shop");
      assertNoCanary(u.toString());
      assertNoCanary(u.render(true));
      try (Engine e = Engine.builder(u).option(Option.SHUTDOWN_HOOK, false).build()) {
        assertNoCanary(e.toString());
      }
    } else {
      assertThat(t).isInstanceOf(InvalidUrlException.class);
      assertNoCanary(t.getMessage());
      assertThat(password).containsAnyOf("/", "?", "%");
    }
  }

  @ParameterizedTest
  @MethodSource("passwords")
  void anEncodedPasswordAndUserRoundTrip(String password) {
    // a user name refuses control characters (see below); a password takes them
    String user = "u" + password.replace(CANARY, "").replace("\t", "");
    String url =
        "postgresql://"
            + UrlCodec.encode(user, "")
            + ":"
            + UrlCodec.encode(password, "")
            + "@db/shop";
    DatabaseUrl u = DatabaseUrl.parse(url);
    assertThat(u.username()).contains(user);
    assertThat(u.password()).contains(password);
    assertThat(u.host()).contains("db");
    assertNoCanary(u.toString());
    assertThat(DatabaseUrl.parse(u.render(false))).isEqualTo(u);
    DatabaseUrl built = DatabaseUrl.of("mariadb", user, password, "db", 3306, "shop");
    assertThat(DatabaseUrl.parse(built.render(false)).password()).contains(password);
    assertNoCanary(built.toString());
  }

  @Test
  void aWrongSpecialPasswordNeverComesBackInTheConnectError() {
    String db = "mem:hostile_pw" + DATABASES.incrementAndGet();
    String right = "R1ght" + SPECIAL;
    String wrong = CANARY + SPECIAL;
    DatabaseUrl owner =
        DatabaseUrl.builder("h2").database(db).username("sa").password(right).build();
    try (Engine first = Engine.builder(owner).option(Option.SHUTDOWN_HOOK, false).build();
        SqlConnection held = first.connect()) {
      assertThat(held.execute("select 1").scalar(Integer.class)).isEqualTo(1);
      Throwable t =
          catchThrowable(
              () ->
                  assertTimeoutPreemptively(
                      Duration.ofSeconds(10),
                      () ->
                          Engine.builder(owner.withPassword(wrong))
                              .option(Option.FAIL_FAST, true)
                              .option(Option.SHUTDOWN_HOOK, false)
                              .option(Option.POOL_TIMEOUT, Duration.ofSeconds(2))
                              .build()));
      assertThat(t).isInstanceOf(CisternException.class);
      java.io.StringWriter all = new java.io.StringWriter();
      t.printStackTrace(new java.io.PrintWriter(all));
      assertNoCanary(all.toString());
    }
  }

  // ---- control characters in names ----

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\u0000b", "a\rb", "a\u001bb"})
  void controlCharactersInNamesAreRefusedAndNeverEchoedRaw(String bad) {
    String encoded = UrlCodec.encode(bad, "");
    List<Supplier<Object>> attempts =
        List.of(
            () -> DatabaseUrl.parse("postgresql://" + encoded + ":pw@h/d"),
            () -> DatabaseUrl.parse("postgresql://app:pw@h/" + encoded),
            () -> DatabaseUrl.parse("h2:mem:" + encoded),
            () -> DatabaseUrl.parse("h2:mem:x?user=" + encoded),
            () -> DatabaseUrl.of("postgresql", bad, "pw", "h", null, "d"),
            () -> DatabaseUrl.of("postgresql", "app", "pw", "h", null, bad),
            () -> Engine.create("h2:mem:x?name=" + encoded),
            () -> Engine.builder("h2:mem:x").name(bad).build(),
            () -> Engine.builder("h2:mem:x").optionText(Option.NAME, bad).build(),
            () -> Option.NAME.validate(bad));
    for (Supplier<Object> attempt : attempts) {
      Throwable t = catchThrowable(attempt::get);
      assertThat(t).isInstanceOfAny(IllegalArgumentException.class, CisternException.class);
      assertThat(t.getMessage()).contains("control character").doesNotContain(bad);
      assertThat(t.getMessage().chars().filter(c -> c < 0x20 && c != '\n' && c != '\r')).isEmpty();
      String firstLine = t.getMessage().split(System.lineSeparator(), -1)[0];
      assertThat(firstLine).doesNotContain("\n").doesNotContain("\r");
    }
  }

  // ---- a 100,000-character host ----

  @Test
  void aHundredThousandCharacterHostIsRefusedAtOnce() {
    String host = "h".repeat(100_000);
    Throwable parsed =
        catchThrowable(
            () ->
                assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> DatabaseUrl.parse("postgresql://app:" + CANARY + "@" + host + "/d")));
    assertThat(parsed).isInstanceOf(InvalidUrlException.class);
    assertThat(((InvalidUrlException) parsed).reason())
        .contains("100000 characters")
        .contains("253");
    assertThat(parsed.getMessage().length()).isLessThan(2_000);
    assertNoCanary(parsed.getMessage());
    Throwable built =
        catchThrowable(
            () ->
                assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> DatabaseUrl.of("postgresql", "app", CANARY, host, null, "d")));
    assertThat(built).isInstanceOf(InvalidUrlException.class);
    assertThat(built.getMessage().length()).isLessThan(2_000);
    Throwable labels =
        catchThrowable(() -> DatabaseUrl.parse("postgresql://" + "a".repeat(64) + ".example/d"));
    assertThat(labels)
        .isNull(); // a long label is the resolver's business; only the total is capped
    assertThat(DatabaseUrl.parse("postgresql://" + "a".repeat(253) + "/d").host()).isPresent();
  }
}
