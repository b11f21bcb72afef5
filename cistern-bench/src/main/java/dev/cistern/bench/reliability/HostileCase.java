package dev.cistern.bench.reliability;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * One case of scenario 8 (hostile configuration): a pool built from one hostile value through one
 * door, run on a daemon thread of its own and waited for at most {@link #TIMEOUT}, then classified
 * as one {@link Outcome}.
 *
 * <p>A case's {@link Body} builds the pool, reads the value back where the pool lets it, borrows
 * one connection where the pool built, and says whether the value was honoured; everything it
 * {@linkplain Trial#keep keeps} is closed on the same thread, inside the timeout. An exception out
 * of the body is classified by {@link #classify}: a failure whose cause chain holds an {@link
 * SQLException} means the configuration was taken and the server or driver refused the connection;
 * otherwise, after unwrapping bare wrappers (a {@code RuntimeException} whose message is just its
 * cause's {@code toString()}, {@link InvocationTargetException}), one of {@link #RAW_TYPES} is a
 * raw exception, and any other is a clear refusal only if the message the caller sees first names
 * the option or the value.
 *
 * @param target the pool
 * @param group what kind of hostility
 * @param door the way the value goes in (URL query, setter, ...)
 * @param subject the option, property or field set
 * @param value the value as shown in the doc (never a password)
 * @param names the words a clear refusal names (the option's names)
 * @param raw the value as written, checked in the message too and for raw control characters
 * @param meant for a typo'd key, the option it is one letter short of; else null
 * @param secret the password of the case, checked for leaks; else null
 * @param body what the case does
 */
record HostileCase(
    Target target,
    Group group,
    String door,
    String subject,
    String value,
    List<String> names,
    String raw,
    String meant,
    String secret,
    Body body) {

  /** The longest a case may take before it counts as hung. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** How much longer a hung case is watched, to tell a slow one from a stuck one. */
  static final Duration AFTERWARDS = Duration.ofSeconds(20);

  /** Exceptions that only ever come out of a library by accident. */
  static final List<Class<? extends Throwable>> RAW_TYPES =
      List.of(
          ArithmeticException.class,
          NumberFormatException.class,
          NullPointerException.class,
          ClassCastException.class,
          DateTimeException.class,
          IndexOutOfBoundsException.class,
          ArrayStoreException.class,
          NegativeArraySizeException.class,
          UnsupportedOperationException.class,
          InvocationTargetException.class,
          UndeclaredThrowableException.class,
          StackOverflowError.class,
          OutOfMemoryError.class);

  /** What kind of hostility a case is. */
  enum Group {
    OPTION("option values"),
    TYPO("typo'd keys"),
    PASSWORD("passwords with special characters"),
    NAME("names with NUL or newline"),
    HOST("a 100,000-character host");

    final String label;

    Group(String label) {
      this.label = label;
    }
  }

  /** How a case ended. */
  enum Outcome {
    REFUSED("refused at once, clear message"),
    HONOURED("accepted and honoured"),
    CHANGED_WARN("accepted, value changed, with a WARN"),
    CHANGED_SILENT("accepted, value changed silently"),
    CONNECT_FAILED("accepted, then the server or driver refused the connection"),
    TYPO_ACCEPTED("typo'd key silently accepted"),
    RAW("raw exception"),
    HUNG("hung (no answer in 5 s)"),
    LEAKED("password leaked");

    final String label;

    Outcome(String label) {
      this.label = label;
    }

    /** The metric key. */
    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a case does: build, read back, borrow once; the verdict when nothing was thrown. */
  @FunctionalInterface
  interface Body {
    Verdict run(Trial trial) throws Exception;
  }

  /**
   * A body's verdict when nothing was thrown.
   *
   * @param outcome {@link Outcome#HONOURED}, {@link Outcome#CHANGED_SILENT} (refined to {@link
   *     Outcome#CHANGED_WARN} when the pool logged a WARN) or {@link Outcome#TYPO_ACCEPTED}
   * @param detail what was read back, for the doc
   */
  record Verdict(Outcome outcome, String detail) {
    static final Verdict HONOURED = new Verdict(Outcome.HONOURED, "");
    static final Verdict TYPO_ACCEPTED = new Verdict(Outcome.TYPO_ACCEPTED, "");

    static Verdict changed(String detail) {
      return new Verdict(Outcome.CHANGED_SILENT, detail);
    }

    /** Honoured if {@code got} is {@code wanted} (durations: both "forever" count as equal). */
    static Verdict compare(Object got, Object wanted) {
      return same(got, wanted)
          ? HONOURED
          : changed("reads back " + HostileText.show(got) + " for " + HostileText.show(wanted));
    }
  }

  /**
   * What a case ran into.
   *
   * @param c the case
   * @param outcome how it ended
   * @param exception the exception's chain of simple class names, empty if none
   * @param message the first line of the message the caller sees (masked), or the verdict's detail
   * @param millis how long the body took
   * @param suggested for a typo'd key: the refusal names the option meant
   * @param echoed a control character of the value came back raw in a message or log line
   * @param warned for a value honoured, the first WARN or ERROR line the pool logged meanwhile, or
   *     null
   */
  record Result(
      HostileCase c,
      Outcome outcome,
      String exception,
      String message,
      double millis,
      boolean suggested,
      boolean echoed,
      String warned) {}

  /** The pools, statements and texts of one case: closed and checked after its body. */
  static final class Trial {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private final List<String> texts = new ArrayList<>();

    /** Closes {@code c} when the case ends (last kept, first closed). */
    <T extends AutoCloseable> T keep(T c) {
      open.push(c);
      return c;
    }

    private Throwable caught;

    /** Checks the text of {@code o} (a toString, a stack trace) for a leaked password. */
    void show(Object o) {
      texts.add(String.valueOf(o));
    }

    /**
     * An exception the body expected and handled (a refused connect): checked like a thrown one.
     */
    void caught(Throwable t) {
      if (caught == null) {
        caught = t;
      }
      show(HostileText.stackText(t));
    }

    private void closeAll() throws Exception {
      Exception first = null;
      while (!open.isEmpty()) {
        try {
          open.pop().close();
        } catch (Exception e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  private record Done(
      Verdict verdict, Throwable thrown, Throwable caught, List<String> texts, double millis) {}

  /** Runs the case on a daemon thread, waits at most {@link #TIMEOUT} and classifies it. */
  Result run(LogCapture logs) throws InterruptedException {
    int logStart = logs == null ? 0 : logs.size();
    CompletableFuture<Done> done = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              Trial trial = new Trial();
              Verdict verdict = null;
              Throwable thrown = null;
              long t0 = System.nanoTime();
              try {
                verdict = body.run(trial);
              } catch (Throwable e) { // every throwable is classified, errors too
                thrown = e;
              }
              double ms = (System.nanoTime() - t0) / 1e6;
              try {
                trial.closeAll();
              } catch (Throwable e) { // a close failing is an outcome too
                if (thrown == null) {
                  thrown = e;
                } else {
                  thrown.addSuppressed(e);
                }
              }
              done.complete(new Done(verdict, thrown, trial.caught, trial.texts, ms));
            },
            "rel8-case");
    thread.setDaemon(true);
    long start = System.nanoTime();
    thread.start();
    Done d;
    String hang = null;
    try {
      d = done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      d = null;
      hang = hangNote(thread, done, start);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a case's thread failed", e.getCause());
    }
    List<String> lines = logs == null ? List.of() : logs.since(logStart, l -> true);
    List<String> seen = new ArrayList<>(lines);
    if (d != null) {
      seen.addAll(d.texts());
      if (d.thrown() != null) {
        seen.add(HostileText.stackText(d.thrown()));
      }
    }
    boolean echoed =
        raw != null
            && raw.chars().anyMatch(Character::isISOControl)
            && seen.stream().anyMatch(s -> s.contains(raw));
    String leak =
        secret == null ? null : seen.stream().filter(HostileText::leaks).findFirst().orElse(null);
    if (d == null) {
      return new Result(
          this,
          leak != null ? Outcome.LEAKED : Outcome.HUNG,
          "",
          leak != null ? HostileText.around(leak) : hang,
          TIMEOUT.toMillis(),
          false,
          echoed,
          null);
    }
    Outcome outcome;
    String exception = "";
    String message;
    if (d.thrown() != null) {
      outcome = classify(d.thrown());
      exception = chain(d.thrown());
      message = HostileText.firstLine(d.thrown().getMessage());
    } else {
      outcome = d.verdict().outcome();
      message = d.verdict().detail();
      if (outcome == Outcome.CHANGED_SILENT && warning(lines) != null) {
        outcome = Outcome.CHANGED_WARN;
      }
    }
    if (leak != null) {
      outcome = Outcome.LEAKED;
      message = HostileText.around(leak);
      if (exception.isEmpty() && d.caught() != null) {
        exception = chain(d.caught());
      }
    }
    boolean suggested =
        meant != null
            && d.thrown() != null
            && String.valueOf(d.thrown().getMessage()).contains(meant);
    String warned = outcome == Outcome.HONOURED ? warning(lines) : null;
    return new Result(
        this, outcome, exception, HostileText.mask(message), d.millis(), suggested, echoed, warned);
  }

  /**
   * Where a hung case's thread is (its first frame outside the JDK) and whether it returns within
   * {@link #AFTERWARDS} more, for the doc.
   */
  private static String hangNote(Thread thread, CompletableFuture<Done> done, long start)
      throws InterruptedException {
    String where =
        Arrays.stream(thread.getStackTrace())
            .filter(f -> !f.getClassName().matches("(java|javax|jdk|sun)\\..*"))
            .findFirst()
            .map(
                f ->
                    f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1)
                        + "."
                        + f.getMethodName())
            .orElse("the JDK");
    String head = "no answer in " + TIMEOUT.toSeconds() + " s (in " + where + "; ";
    try {
      done.get(AFTERWARDS.toMillis(), TimeUnit.MILLISECONDS);
      return head
          + String.format(Locale.ROOT, "returned after %.1f s)", (System.nanoTime() - start) / 1e9);
    } catch (TimeoutException e) {
      return head + "still running after " + TIMEOUT.plus(AFTERWARDS).toSeconds() + " s)";
    } catch (ExecutionException e) {
      return head + "failed later: " + e.getCause() + ")";
    }
  }

  /** The first WARN or ERROR line among {@code lines}, without its thread, or null. */
  static String warning(List<String> lines) {
    return lines.stream()
        .filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
        .findFirst()
        .map(l -> HostileText.firstLine(l.replaceFirst("^\\[[^\\]]*\\] ", "")))
        .orElse(null);
  }

  /** Classifies an exception out of a case's body; see the class comment. */
  Outcome classify(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException) {
        return Outcome.CONNECT_FAILED;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    Throwable e = unwrap(t);
    if (RAW_TYPES.stream().anyMatch(k -> k.isInstance(e))) {
      return Outcome.RAW;
    }
    String shown = t.getMessage();
    if (shown == null) {
      return Outcome.RAW;
    }
    String lower = shown.toLowerCase(Locale.ROOT);
    boolean named =
        names.stream().anyMatch(n -> lower.contains(n.toLowerCase(Locale.ROOT)))
            || (raw != null && raw.strip().length() >= 3 && shown.contains(raw.strip()));
    return named ? Outcome.REFUSED : Outcome.RAW;
  }

  /** Strips wrappers that add nothing: the exception a bare wrapper stands for. */
  static Throwable unwrap(Throwable t) {
    Throwable e = t;
    for (int i = 0; i < 10; i++) {
      Throwable c = e.getCause();
      if (c == null || c == e) {
        break;
      }
      boolean bare =
          e instanceof InvocationTargetException
              || e instanceof ExecutionException
              || e.getMessage() == null
              || e.getMessage().equals(c.toString());
      if (!bare) {
        break;
      }
      e = c;
    }
    return e;
  }

  /** Simple class names of the chain, outermost first: {@code RuntimeException < NumberFormat…}. */
  static String chain(Throwable t) {
    List<String> names = new ArrayList<>();
    for (Throwable c = t; c != null && names.size() < 4; c = c.getCause()) {
      names.add(c.getClass().getSimpleName());
      if (c.getCause() == c) {
        break;
      }
    }
    return String.join(" < ", names);
  }

  /** Whether an exception is a connection the server or driver refused (an SQLException inside). */
  static boolean connectFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** Borrows one connection, runs {@code select 1} and gives it back. */
  static void borrowOnce(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
    }
  }

  /** Equal, or two durations both at least the longest a long of nanoseconds holds ("forever"). */
  static boolean same(Object got, Object wanted) {
    if (Objects.equals(got, wanted)) {
      return true;
    }
    Duration forever = Duration.ofNanos(Long.MAX_VALUE);
    return got instanceof Duration g
        && wanted instanceof Duration w
        && g.compareTo(forever) >= 0
        && w.compareTo(forever) >= 0;
  }
}
