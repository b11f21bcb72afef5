package dev.cistern.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What both private servers need: a free loopback port, an external command run with a bounded
 * wait, a bounded wait until the server accepts connections, a shutdown hook and a directory tree
 * removed.
 */
final class ServerSupport {
  /** The loopback address every private server listens on, and the only one. */
  static final String LOOPBACK = "127.0.0.1";

  /** The ports of the shared servers, which a private server must never take. */
  private static final List<Integer> SHARED_PORTS = List.of(5432, 3306);

  private static final int OUTPUT_TAIL_CHARS = 4_000;
  private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

  private ServerSupport() {}

  /** The outcome of a command: its exit code and its output (standard output and error, merged). */
  record Result(List<String> command, int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }

    /**
     * Throws an {@link IllegalStateException} naming the command and its output unless it ran ok.
     */
    Result orThrow() {
      if (!ok()) {
        throw new IllegalStateException(describe());
      }
      return this;
    }

    String describe() {
      return String.join(" ", command) + " exited with " + exitCode + ": " + tail(output);
    }
  }

  /**
   * A port on 127.0.0.1 that was free a moment ago: bound as port 0 and released. Another process
   * may take it before the server binds it, so the servers retry a start that fails on its port.
   */
  static int freeLoopbackPort() {
    for (int attempt = 0; attempt < 10; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
        int port = socket.getLocalPort();
        if (!SHARED_PORTS.contains(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind a port on " + LOOPBACK, e);
      }
    }
    throw new IllegalStateException("no free port on " + LOOPBACK + " in 10 attempts");
  }

  /**
   * Runs {@code command} and waits at most {@code timeout} for it to exit; a command still running
   * then is killed (it is our child, killed by its pid) and reported as an {@link
   * IllegalStateException}.
   */
  static Result run(Duration timeout, List<String> command) {
    Path output = null;
    try {
      output = Files.createTempFile("cistern-command-", ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(
            String.join(" ", command)
                + " did not finish within "
                + timeout.toMillis()
                + " ms and was killed: "
                + tail(read(output)));
      }
      return new Result(List.copyOf(command), process.exitValue(), read(output));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    } finally {
      if (output != null) {
        deleteQuietly(output);
      }
    }
  }

  /** {@link #deleteTree}, with a failure added to {@code cause} instead of thrown. */
  static void deleteTree(Path root, Exception cause) {
    try {
      deleteTree(root);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** Deletes {@code root} and everything under it; a missing {@code root} is not an error. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  /** The last few thousand characters of {@code text}: enough to see why a server failed. */
  static String tail(String text) {
    String t = text.strip();
    return t.length() <= OUTPUT_TAIL_CHARS
        ? t
        : "..." + t.substring(t.length() - OUTPUT_TAIL_CHARS);
  }

  /** The last characters of the file at {@code path}, or a note that it cannot be read. */
  static String tailOf(Path path) {
    try {
      return Files.exists(path) ? tail(read(path)) : "";
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + path + ": " + e.getMessage() + ")";
    }
  }

  /**
   * Tries {@code connect} until it succeeds or {@code timeout} elapses, every 50 ms. Before each
   * try, {@code death} may name why the server can never accept (its process exited): then this
   * fails at once with that reason.
   *
   * @throws IllegalStateException naming the last connect error when the server did not accept
   */
  static void awaitAccepting(
      String what, Duration timeout, ConnectAttempt connect, Supplier<String> death) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last = null;
    for (int attempt = 0; attempt < 100_000; attempt++) {
      String dead = death.get();
      if (dead != null) {
        throw new IllegalStateException(what + " stopped before it accepted connections: " + dead);
      }
      try (Connection c = connect.open()) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      if (System.nanoTime() - deadline >= 0) {
        break;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    throw new IllegalStateException(
        what + " did not accept connections within " + timeout.toMillis() + " ms", last);
  }

  /** Opens one connection to a server, for {@link #awaitAccepting}. */
  @FunctionalInterface
  interface ConnectAttempt {
    Connection open() throws SQLException;
  }

  /**
   * Registers {@code close} to run when the JVM exits, so that a test run that crashes or forgets
   * to close leaves no server behind.
   */
  static Thread addShutdownHook(String name, Runnable close) {
    Thread hook = new Thread(close, "cistern-testkit-shutdown-" + name);
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** Unregisters {@code hook}, unless it is the thread running (the JVM is already exiting). */
  static void removeShutdownHook(Thread hook) {
    if (Thread.currentThread() == hook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (or ran) and finds the server closed
    }
  }

  private static String read(Path path) throws IOException {
    return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a temporary file of our own; nothing depends on it being gone
    }
  }
}
