package dev.cistern.cli;

/**
 * A failure the command line reports as one line, {@code cistern: <what> — <what to do>}, with its
 * own exit code: {@link #USAGE} for bad input, {@link #FAILURE} for everything else.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code for bad command-line input: an unknown option, a bad URL, a missing argument. */
  static final int USAGE = 2;

  /** Exit code for a failure: the database refused, a check did not hold. */
  static final int FAILURE = 1;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A usage error. */
  static CliException usage(String message) {
    return new CliException(USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
