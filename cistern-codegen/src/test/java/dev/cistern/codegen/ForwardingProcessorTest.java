package dev.cistern.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles small annotated classes with the processor and reads what it wrote. */
class ForwardingProcessorTest {
  @TempDir Path dir;

  private static final String ANNOTATION =
      """
      package dev.cistern.internal.jdbc;
      import java.lang.annotation.*;
      @Retention(RetentionPolicy.SOURCE) @Target(ElementType.TYPE)
      @interface Forwarding {
        String to() default "raw";
        String[] dirtyPrefixes() default {};
        boolean dirtyResultSets() default false;
      }
      """;

  private static final String UNSUPPORTED =
      """
      package dev.cistern.testkit.stub;
      import java.lang.annotation.*;
      @Retention(RetentionPolicy.SOURCE) @Target(ElementType.TYPE)
      public @interface Unsupported {}
      """;

  /** A proxy of ResultSetMetaData-sized scope: a whole JDBC interface, with one method by hand. */
  private static final String STATEMENT_PROXY =
      """
      package dev.cistern.internal.jdbc;
      import java.sql.*;
      @Forwarding(dirtyPrefixes = "execute")
      abstract class Probe implements Statement {
        final Statement raw;
        int dirty;
        Probe(Statement raw) { this.raw = raw; }
        void checkOpen() throws SQLException {}
        void beforeExecute() throws SQLException { dirty++; }
        void afterExecute() {}
        SQLException fail(SQLException e) { return e; }
        SQLException fail(SQLException e, String sql) { return e; }
        void checkSql(String sql) throws SQLException {}
        ResultSet wrap(ResultSet rs) { return rs; }
        @Override public Connection getConnection() { return null; }
      }
      """;

  private record Result(boolean ok, List<String> errors, Path generated) {
    String source() throws IOException {
      return Files.readString(generated);
    }
  }

  private Result compile(String... sources) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path out = Files.createDirectories(dir.resolve("out"));
    Path gen = Files.createDirectories(dir.resolve("gen"));
    List<Path> files = new ArrayList<>();
    for (String s : sources) {
      String pkg = s.replaceAll("(?s).*?package ([\\w.]+);.*", "$1");
      String name = s.replaceAll("(?s).*?(?:class|@interface) (\\w+).*", "$1");
      Path f = Files.createDirectories(src.resolve(pkg.replace('.', '/'))).resolve(name + ".java");
      Files.writeString(f, s);
      files.add(f);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      boolean ok =
          javac
              .getTask(
                  null,
                  fm,
                  diagnostics,
                  List.of(
                      "-d",
                      out.toString(),
                      "-s",
                      gen.toString(),
                      "-processor",
                      ForwardingProcessor.class.getName()),
                  null,
                  fm.getJavaFileObjectsFromPaths(files))
              .call();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(d.getMessage(Locale.ROOT));
        }
      }
      return new Result(ok, errors, gen.resolve("dev/cistern/internal/jdbc/GeneratedProbe.java"));
    }
  }

  private Result compileWithProcessor(String... sources) throws IOException {
    return compile(sources); // javac finds the processor on this JVM's class path
  }

  @Test
  void writesEveryMethodTheClassDoesNotImplementWithTheUniformBody() throws IOException {
    Result r = compileWithProcessor(ANNOTATION, STATEMENT_PROXY);

    assertThat(r.errors()).isEmpty();
    assertThat(r.ok()).isTrue();
    String src = r.source();
    assertThat(src).contains("final class GeneratedProbe extends Probe");
    assertThat(src).contains("GeneratedProbe(java.sql.Statement raw) {\n    super(raw);\n  }");
    assertThat(src)
        .as("a plain method: guard, call, classify")
        .contains(
            """
              @Override
              public int getMaxRows() throws java.sql.SQLException {
                checkOpen();
                try {
                  return raw.getMaxRows();
                } catch (java.sql.SQLException e) {
                  throw fail(e);
                }
              }
            """);
    assertThat(src)
        .as(
            "an execute method hands its SQL to checkSql before anything else, notes the"
                + " transaction and the wait, wraps the result set, and a failure names the SQL it"
                + " was given")
        .contains(
            """
              public java.sql.ResultSet executeQuery(String string0) throws java.sql.SQLException {
                checkSql(string0);
                beforeExecute();
                try {
                  return wrap(raw.executeQuery(string0));
                } catch (java.sql.SQLException e) {
                  throw fail(e, string0);
                } finally {
                  afterExecute();
                }
              }
            """);
    assertThat(src)
        .as("the hand-written method is not written again")
        .doesNotContain("getConnection");
    assertThat(src).contains("if (class0.isInstance(this)) {\n      return class0.cast(this);");
    assertThat(src)
        .as("default methods of the interface are forwarded too")
        .contains("enquoteLiteral");
  }

  @Test
  void aReturnedJdbcObjectWithoutAWrapOverloadIsACompileError() throws IOException {
    Result r =
        compileWithProcessor(
            ANNOTATION, STATEMENT_PROXY.replace("ResultSet wrap(ResultSet rs) { return rs; }", ""));

    assertThat(r.ok()).isFalse();
    assertThat(String.join("\n", r.errors())).contains("wrap");
  }

  @Test
  void theAnnotationOnAConcreteClassIsRefusedWithAMessage() throws IOException {
    Result r =
        compileWithProcessor(
            ANNOTATION, STATEMENT_PROXY.replace("abstract class Probe", "class Probe"));

    assertThat(r.ok()).isFalse();
    assertThat(r.errors())
        .anyMatch(e -> e.contains("@Forwarding goes on a top-level abstract class"));
  }

  @Test
  void unsupportedWritesMethodsThatRefuseNamingThemselves() throws IOException {
    String stub =
        """
        package dev.cistern.internal.jdbc;
        @dev.cistern.testkit.stub.Unsupported
        abstract class Probe implements java.sql.ParameterMetaData {
          @Override public int getParameterCount() { return 0; }
        }
        """;
    Result r = compileWithProcessor(UNSUPPORTED, stub);

    assertThat(r.errors()).isEmpty();
    assertThat(r.source())
        .contains(
            "throw new java.sql.SQLFeatureNotSupportedException(\"Probe.isNullable is not supported\");")
        .doesNotContain("getParameterCount");
  }
}
