package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start is this class's {@link #quickStart} (between the {@code quickstart}
 * markers of both files), run on PostgreSQL; it must print what the README says it prints.
 *
 * <p>The two texts are compared without their whitespace, since google-java-format lays out this
 * file and the README is laid out for reading: a changed token or comment in either fails the test.
 * The one difference allowed is the URL: the README's goes through {@link #onTestDatabase}, which
 * keeps its options and points it at this test's schema.
 */
class ReadmeQuickStartTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of("src", "test", "java", "dev", "cistern", "ReadmeQuickStartTest.java");

  /** The quick start's first lines; the test's own imports give it the same names. */
  private static final String README_IMPORTS =
      "import dev.cistern.*;\nimport java.time.Duration;\nimport java.util.*;\n\n";

  private TestDatabase db;

  @Test
  void readmeQuickStartIsTheCodeThisTestRuns() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String block = between(readme, "<!-- quickstart:start", "<!-- quickstart:end -->");
    block = block.substring(block.indexOf('\n') + 1); // the marker's own line
    assertThat(block).startsWith("```java\n" + README_IMPORTS).endsWith("```\n");
    String readmeCode =
        block.substring(("```java\n" + README_IMPORTS).length(), block.length() - "```\n".length());

    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    String testCode = between(source, "// quickstart:" + "start\n", "    // quickstart:" + "end");
    testCode = testCode.replaceAll("onTestDatabase\\((\"[^\"]*\")\\)", "$1");

    assertThat(withoutWhitespace(testCode))
        .as("README quick start (README.md) and ReadmeQuickStartTest.quickStart, whitespace aside")
        .isEqualTo(withoutWhitespace(readmeCode));
  }

  @Test
  void quickStartPrintsWhatTheReadmeShows(@Postgres TestDatabase db) throws Exception {
    this.db = db;
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String shown =
        between(
            readme, "<!-- quickstart-output:start -->\n```\n", "```\n<!-- quickstart-output:end");
    List<String> expected = shown.lines().toList();
    assertThat(expected).as("the README shows printed lines").isNotEmpty();

    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      quickStart();
    } finally {
      System.setOut(saved);
    }
    List<String> printed = bytes.toString(StandardCharsets.UTF_8).lines().toList();

    assertThat(printed).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(printed.get(i)).as("printed line %d", i + 1).matches(varying(expected.get(i)));
    }
  }

  /**
   * The README's quick start, verbatim apart from {@code onTestDatabase} and the layout; see the
   * class comment.
   */
  @SuppressWarnings({"unused", "try"})
  private void quickStart() throws Exception {
    // quickstart:start
    Engine engine =
        Engine.create(
            onTestDatabase("postgresql://app:s3cret@localhost/shop?poolSize=10&poolPrePing=true"));
    // nothing is open yet: the first connect() opens the first connection
    try (SqlConnection c = engine.connect()) {
      c.execute(
          "create table orders (id serial primary key, customer int, total decimal(10,2),"
              + " status varchar(10) default 'open')");
      c.execute(
          "insert into orders (customer, total) values (:customer, :total)",
          Map.of("customer", 7, "total", new java.math.BigDecimal("19.90")));
      c.commit(); // the first statement began a transaction: commit as you go

      long n =
          c.execute("select count(*) from orders where customer = :id", Map.of("id", 7))
              .scalar(Long.class);
      for (Row r :
          c.execute(
              "select id, total from orders where customer in (:ids)",
              Map.of("ids", List.of(7, 8)))) {
        System.out.println(r.getLong("id") + " " + r.getBigDecimal("total"));
      }
      long id =
          c.sql("insert into orders (customer) values (:c)")
              .bind("c", 9)
              .returningGeneratedKeys("id")
              .execute()
              .generatedKeys()
              .scalar(Long.class);
      c.commit();
    } // returned to the pool: rolled back if left open, settings restored

    // a transaction on a connection of its own: committed if fn returns, rolled back if it throws
    // (checked exceptions too, rethrown unchanged); with transactionRetries set, serialization
    // failures and deadlocks run it again. inTransaction returns a value, useTransaction nothing.
    engine.useTransaction(
        c ->
            c.execute("update orders set total = total * 0.9 where customer = :c", Map.of("c", 7)));
    long open =
        engine.inTransaction(
            IsolationLevel.SERIALIZABLE, // for this transaction only
            c -> c.execute("select count(*) from orders where status = 'open'").scalar(Long.class));
    String version =
        engine.withConnection(
            c -> c.execute("select version()").scalar(String.class)); // no transaction

    try (Transaction tx = engine.begin()) { // an explicit block, with a savepoint inside
      tx.execute("insert into orders (customer) values (1)");
      try (Transaction sp = tx.connection().beginNested()) {
        tx.execute("insert into orders (id, customer) values (1, 2)"); // duplicate key
      } catch (StatementException e) { // rolled back to the savepoint; the first insert stays
        System.out.println(e.sqlState()); // 23505, with the SQL and parameters in the message
      }
      tx.commit();
    }

    engine.dispose(); // idle connections closed now, engine still usable
    DisposalReport report = engine.close(Duration.ofSeconds(5)); // the server sees no session left
    System.out.println(
        report); // engine 'engine-1' closed: 0 idle, 0 returned during grace, 0 aborted in 3 ms
    // quickstart:end
  }

  /** The README's URL with its options, on this test's schema of the shared PostgreSQL. */
  private String onTestDatabase(String readmeUrl) {
    String options = readmeUrl.substring(readmeUrl.indexOf('?') + 1);
    String url = db.cisternUrl();
    return url + (url.contains("?") ? "&" : "?") + options;
  }

  /** A printed line of the README as a pattern: the engine's number and the time may differ. */
  private static String varying(String line) {
    return Pattern.quote(line)
        .replace("'engine-1'", "\\E'engine-\\d+'\\Q")
        .replaceAll(" in \\d+ ms", "\\\\E in \\\\d+ ms\\\\Q");
  }

  private static String between(String text, String start, String end) {
    int s = text.indexOf(start);
    assertThat(s).as("marker %s", start).isGreaterThanOrEqualTo(0);
    int e = text.indexOf(end, s + start.length());
    assertThat(e).as("marker %s", end).isGreaterThan(s);
    return text.substring(s + start.length(), e);
  }

  private static String withoutWhitespace(String s) {
    return s.replaceAll("\\s+", "");
  }
}
